/**
 * Runs once per `npm test`: says in ONE line which suites are skipped because an optional service is not
 * configured (PostgreSQL on DATABASE_URL, Redis on REDIS_URL; `.ci/run` sets both). The suites skip themselves.
 */
export default function setup(): void {
  const skipped: string[] = [];
  if (!process.env.DATABASE_URL?.trim()) skipped.push('store tests on PostgreSQL (DATABASE_URL unset)');
  if (!process.env.REDIS_URL?.trim() || !process.env.DATABASE_URL?.trim()) {
    skipped.push('test/scale: replicas, workers and Redis pub/sub (REDIS_URL and DATABASE_URL needed)');
  }
  if (skipped.length > 0) console.log(`skipped: ${skipped.join('; ')}`);
}
