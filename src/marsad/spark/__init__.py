"""marsad on Apache Spark: the stages of `marsad analyze` over archives past one machine.

`marsad spark INPUT... --out DIR` (or `spark-submit src/marsad/spark/__main__.py ...`) runs
the same stage functions as the in-process pipeline, partitioned:

- per article (clean, times, names, figures): `mapInPandas`, the NER tagger opened once per
  Python worker (`marsad.spark.job`);
- entity resolution: the names to look for in every article are gathered once and sent to
  every partition (`recover_mentions(names=...)`); mentions are then blocked by name key
  (connected components over `entities.name_keys`) and each block resolved apart;
- reuse: MinHash band keys of every window (the bands of the laptop path), grouped by key
  as a Spark join, oversized buckets dropped, each candidate pair aligned by `find_reuse`;
- stories: `cluster` per time window (with overlap) in parallel, then a short sequential
  pass on the driver links each window's clusters to the stories open before it (Europe
  Media Monitor style); each story is then described in parallel.

The result is a folder of Parquet tables laid out like the store (`marsad.spark.tables`),
which `marsad load DIR --db PATH` puts into a store through `marsad.store`
(`marsad.spark.load`; it needs pyarrow, not Spark).
"""

__all__: list[str] = []
