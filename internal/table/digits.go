package table

import (
	"fmt"
	"unsafe"
)

// Numbers are written as fixed-width base-64 digits, one byte each: digit d
// is the byte '!'+d for d < 63 ('!' to '_'), and 'a' for 63, stepping over
// the backquote. The alphabet has no space, tab, backquote, carriage return,
// NUL or non-ASCII byte, so the tables are raw string literals: no escapes,
// so the source is barely larger than the data and compiles as fast as the
// compiler can scan it, no line of the generated file ends in white space
// that an editor could trim, and the data lands in read-only memory with
// nothing for the garbage collector to scan.
//
// Decoding subtracts '!' from every byte and then one more where bit 6 is
// set: only 'a' ('!'+64) has it.

const digitBase = '!'

// Max4 is the largest number 4 digits hold (24 bits); Max2 2 digits (12
// bits), Max1 one digit.
const (
	Max1 = 1<<6 - 1
	Max2 = 1<<12 - 1
	Max4 = 1<<24 - 1
	Max5 = 1<<30 - 1
)

// Digit is the byte of digit d (0 to 63), without a branch: d+1 has bit 6
// set only for 63.
func Digit(d int) byte {
	return byte(digitBase + d + (d+1)>>6)
}

// digits2 is the two bytes of v (at most Max2) as Num2 reads them, for
// comparing a field with v without decoding it.
func digits2(v int) uint16 {
	return uint16(Digit(v>>6)) | uint16(Digit(v&63))<<8
}

// Num1 decodes the digit at s[i].
func Num1(s string, i int) int {
	v := int(s[i] - digitBase)
	return v - v>>6
}

// Num2 decodes the 2-digit (12-bit) number at s[i:i+2].
func Num2(s string, i int) int {
	x := uint32(at2(unsafe.Pointer(unsafe.StringData(s[i:i+2])), 0))
	x -= digitBase * 0x0101
	x -= x >> 6 & 0x0101
	return int(x&0x3f)<<6 | int(x>>8)
}

// Num3 decodes the 3-digit (18-bit) number at s[i:i+3].
func Num3(s string, i int) int {
	return Num2(s, i)<<6 | Num1(s, i+2)
}

// Num4 decodes the 4-digit (24-bit) number at s[i:i+4], with one load and
// two lanes at a time.
func Num4(s string, i int) int {
	x := uint32(at4(unsafe.Pointer(unsafe.StringData(s[i:i+4])), 0))
	x -= digitBase * 0x01010101 // each byte is at least '!': no borrows
	x -= x >> 6 & 0x01010101
	x = (x&0x003f003f)<<6 | (x>>8)&0x003f003f
	return int(x&0xffff)<<12 | int(x>>16)
}

// Num5 decodes the 5-digit (30-bit) number at s[i:i+5].
func Num5(s string, i int) int {
	return Num4(s, i)<<6 | Num1(s, i+4)
}

// AppendNum appends v as a width-digit number, most significant digit
// first. It panics when v does not fit: the builders check capacities first
// and report them as errors.
func AppendNum(b []byte, v, width int) []byte {
	if v < 0 || width < 6 && v >= 1<<(6*width) {
		panic(fmt.Sprintf("table: %d does not fit in %d digits", v, width))
	}
	for i := width - 1; i >= 0; i-- {
		b = append(b, Digit(v>>(6*i)&63))
	}
	return b
}
