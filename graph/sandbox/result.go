package sandbox

import (
	"fmt"
	"reflect"

	"github.com/cayleygraph/quad"
)

// ResultTooLargeError is a query whose results passed the cap of Max
// bytes (Options.MaxResult); it was stopped before they were all
// gathered.
type ResultTooLargeError struct{ Max int64 }

func (e *ResultTooLargeError) Error() string {
	return fmt.Sprintf("the query's results pass the server's cap of %s (--max-result): ask for less (a Limit, fewer properties) and try again", formatBytes(uint64(e.Max)))
}

// maxResultDepth bounds how deep resultSize looks; deeper values count as
// the cap itself. The sandbox copies values within 64 levels.
const maxResultDepth = 100

// resultSize estimates the bytes v takes as JSON: strings and IRIs by
// their length, each number, boolean and null as 8 bytes, a few bytes for
// each element and key of a list or map.
func resultSize(v any) int64 { return sizeOf(reflect.ValueOf(v), 0) }

func sizeOf(v reflect.Value, depth int) int64 {
	if depth > maxResultDepth {
		return 1 << 62
	}
	if !v.IsValid() {
		return 4
	}
	if qv, ok := v.Interface().(quad.Value); ok && v.Kind() != reflect.Map && v.Kind() != reflect.Slice {
		if qv == nil {
			return 4
		}
		return int64(len(qv.String())) + 2
	}
	switch v.Kind() {
	case reflect.String:
		return int64(v.Len()) + 2
	case reflect.Interface, reflect.Pointer:
		if v.IsNil() {
			return 4
		}
		return sizeOf(v.Elem(), depth+1)
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			return int64(v.Len())*4/3 + 2 // base64
		}
		n := int64(2)
		for i := 0; i < v.Len(); i++ {
			n += sizeOf(v.Index(i), depth+1) + 1
		}
		return n
	case reflect.Map:
		n := int64(2)
		it := v.MapRange()
		for it.Next() {
			n += sizeOf(it.Key(), depth+1) + sizeOf(it.Value(), depth+1) + 2
		}
		return n
	case reflect.Struct:
		n := int64(2)
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				n += int64(len(v.Type().Field(i).Name)) + 4 + sizeOf(v.Field(i), depth+1)
			}
		}
		return n
	}
	return 8
}
