#!/bin/sh
# bin2c.sh FILE NAME: print a C file defining `const unsigned char NAME[]` with FILE's bytes
# and `const size_t NAME_len`.  Used by the Makefile to build data files into the library.
set -eu
file=$1
name=$2
echo "/* generated from $file by scripts/bin2c.sh: do not edit */"
echo "#include <stddef.h>"
echo "_Alignas(16) const unsigned char ${name}[] = {"
od -An -v -tx1 "$file" | awk '{ line = ""; for (i = 1; i <= NF; i++) line = line "0x" $i ","; print line }'
echo "};"
echo "const size_t ${name}_len = sizeof(${name});"
