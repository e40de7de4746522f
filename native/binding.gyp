{
  "targets": [
    {
      "target_name": "afpacket",
      "sources": ["addon.c", "ring.c", "checksum.c"],
      "include_dirs": ["../build/addon"],
      "cflags": ["-O2", "-Wall", "-Wextra", "-Wno-unused-parameter"],
      "cflags_c": ["-std=gnu11"]
    }
  ]
}
