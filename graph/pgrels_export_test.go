package graph

// SetRelFoldEvery makes every PostgreSQL Store fold the count deltas of
// its relations index every n writes, and returns the old value; tests
// fold often so that folds meet concurrent writers.
func SetRelFoldEvery(n int64) int64 {
	old := pgFoldEvery
	pgFoldEvery = n
	return old
}
