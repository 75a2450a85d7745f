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

// Num decodes the number at s[i:i+Width]. It is on every lookup's path, so
// it reads the four digits with one load and combines them two lanes at a
// time.
func Num(s string, i int) int {
	s = s[i : i+Width]
	x := uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
	x -= 0x20202020 // each byte is at least ' ': no borrows
	x = (x&0x003f003f)<<6 | (x>>8)&0x003f003f
	return int(x&0xffff)<<12 | int(x>>16)
}

// Num5 decodes the 5-digit (30-bit) number at s[i:i+5].
func Num5(s string, i int) int {
	s = s[i : i+5]
	return Num(s, 0)<<6 | int(s[4]-' ')
}

// Num2 decodes the 2-digit (12-bit) number at s[i:i+2].
func Num2(s string, i int) int {
	s = s[i : i+2]
	return int(s[0]-' ')<<6 | int(s[1]-' ')
}

// Num1 decodes the 1-digit (6-bit) number at s[i].
func Num1(s string, i int) int {
	return int(s[i] - ' ')
}

// AppendNum2 appends v as a 2-digit number; like AppendNum it panics when v
// does not fit.
func AppendNum2(b []byte, v int) []byte {
	if v < 0 || v > 1<<12-1 {
		panic(fmt.Sprintf("table: %d does not fit in 2 digits", v))
	}
	return append(b, byte(' '+(v>>6)&63), byte(' '+v&63))
}

// AppendNum1 appends v as a 1-digit number; like AppendNum it panics when v
// does not fit.
func AppendNum1(b []byte, v int) []byte {
	if v < 0 || v > 63 {
		panic(fmt.Sprintf("table: %d does not fit in 1 digit", v))
	}
	return append(b, byte(' '+v))
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
