package table

import "fmt"

// Numbers are written as fixed-width base-64 digits, each the byte ' '+d
// (0x20..0x5f). That alphabet has no backquote, carriage return, NUL or
// non-ASCII byte, so the tables can be emitted as raw string literals: no
// escapes, so the source is barely larger than the data and compiles as
// fast as the compiler can scan it, and the data lands in read-only memory
// with nothing for the garbage collector to scan.

// Width is the number of digits in a number: 4 digits hold 24 bits.
const Width = 4

// Max is the largest number a Width-digit number can hold.
const Max = 1<<(6*Width) - 1

// Num decodes the number at s[i:i+Width].
func Num(s string, i int) int {
	_ = s[i+3]
	return int(s[i]-' ')<<18 | int(s[i+1]-' ')<<12 | int(s[i+2]-' ')<<6 | int(s[i+3]-' ')
}

// Num5 decodes the 5-digit (30-bit) number at s[i:i+5].
func Num5(s string, i int) int {
	_ = s[i+4]
	return int(s[i]-' ')<<24 | int(s[i+1]-' ')<<18 | int(s[i+2]-' ')<<12 | int(s[i+3]-' ')<<6 | int(s[i+4]-' ')
}

// Max5 is the largest number a 5-digit number can hold.
const Max5 = 1<<30 - 1

// AppendNum5 appends v as a 5-digit number; like AppendNum it panics when v
// does not fit.
func AppendNum5(b []byte, v int) []byte {
	if v < 0 || v > Max5 {
		panic(fmt.Sprintf("table: %d does not fit in 5 digits", v))
	}
	return append(b, byte(' '+(v>>24)&63), byte(' '+(v>>18)&63), byte(' '+(v>>12)&63), byte(' '+(v>>6)&63), byte(' '+v&63))
}

// AppendNum appends v as a Width-digit number. It panics if v is out of
// range: the builders check capacities first and report them as errors.
func AppendNum(b []byte, v int) []byte {
	if v < 0 || v > Max {
		panic(fmt.Sprintf("table: %d does not fit in %d digits", v, Width))
	}
	return append(b, byte(' '+(v>>18)&63), byte(' '+(v>>12)&63), byte(' '+(v>>6)&63), byte(' '+v&63))
}
