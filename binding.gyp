{
  "targets": [
    {
      "target_name": "tenantgres_native",
      "sources": ["native/interrupt.c", "native/numeric.c"],
      "include_dirs": ["node_modules/better-sqlite3/deps/sqlite3"],
      "cflags": ["-O2", "-Wall"]
    }
  ]
}
