# Upstash Redis: rate limits, caches, idempotency keys, short-lived tokens. The functions reach it
# over HTTPS with the REST token (Secret Manager `upstash-redis-rest-token`). Upstash takes no labels.

resource "upstash_redis_database" "this" {
  database_name  = var.name
  region         = "global"
  primary_region = var.upstash_primary_region
  tls            = true
  # Nothing in Redis is the only copy of anything, but rate-limit windows must not be evicted.
  eviction = false
}
