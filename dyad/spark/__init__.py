"""dyad on Apache Spark (``pip install dyad[spark]``).

``dyad.spark.job`` needs PySpark: ``code_to_parquet`` for a whole job, ``read_records`` and
``code_records`` to code inside your own. ``dyad.spark.load`` reads the output back for the
store and needs only pyarrow.
"""
