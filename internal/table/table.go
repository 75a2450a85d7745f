// Package table is the packed table format shared by the generator, which
// writes it, and the resolver, which reads it: the base-64 digits that let
// numeric fields live in raw Go string literals (digits.go), the windowed
// string hash (hash.go), a minimal perfect hash over the model spellings
// (mph.go), small perfect hashes over ids (small.go), and the layout of
// every record (format.go).
//
// Everything here is internal to the module: generated code only ever sees
// strings and integers inside resolver.Tables, so the format can change with
// the module. A generated file names the format it was written in
// (resolver.TablesFormat4), so a stale one fails to compile against a
// resolver that reads another, and the resolver refuses at run time tables
// whose Format field says otherwise.
package table
