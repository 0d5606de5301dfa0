/*
 * Which shard a key is in, for the files the build splits by FNV-1a hash
 * (the keyword index's words, the shortlist's providers); the build's
 * care_directory/outputs/keyword_index.py shard_of() is the same function.
 * No DOM here.
 */

/** FNV-1a (32 bit) of the key's UTF-8 bytes, modulo the number of shards. */
export function shardOf(key, shards) {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(key)) {
    hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  }
  return hash % shards;
}
