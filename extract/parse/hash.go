package parse

// Features are 64-bit keys: a template number mixed with the hashed values
// it combines. Strings hash with FNV-1a, which is the same in every process,
// so keys in a model file stay valid.

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
	golden    = 0x9E3779B97F4A7C15
)

func hashString(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// fmix is MurmurHash3's 64-bit finaliser.
func fmix(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

func k1(t, a uint64) uint64       { return fmix((t+1)*golden ^ a) }
func k2(t, a, b uint64) uint64    { return fmix(k1(t, a)*fnvPrime + b) }
func k3(t, a, b, c uint64) uint64 { return fmix(k2(t, a, b)*fnvPrime + c) }
