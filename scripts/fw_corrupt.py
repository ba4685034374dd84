#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Make the corrupt images that only differ from a good one in ELF structure.

usage: fw_corrupt.py GOOD.elf PREFIX
writes PREFIX-bad-truncated.elf (cut inside its first segment's data),
PREFIX-bad-segment-past-file.elf (a PT_LOAD whose file range ends past the
end of the file) and PREFIX-bad-magic.elf (not an ELF at all).
"""
import struct
import sys

PT_LOAD = 1


def phdrs(img):
    phoff, = struct.unpack_from('<I', img, 28)
    phentsize, phnum = struct.unpack_from('<HH', img, 42)
    return [phoff + i * phentsize for i in range(phnum)]


def main():
    good, prefix = sys.argv[1], sys.argv[2]
    img = bytearray(open(good, 'rb').read())
    loads = [o for o in phdrs(img) if struct.unpack_from('<I', img, o)[0] == PT_LOAD]
    first_off, = struct.unpack_from('<I', img, loads[0] + 4)
    filesz, = struct.unpack_from('<I', img, loads[0] + 16)

    open(prefix + '-bad-truncated.elf', 'wb').write(img[:first_off + filesz // 2])

    bad = bytearray(img)
    struct.pack_into('<I', bad, loads[0] + 16, len(img) + 0x1000)   # p_filesz
    struct.pack_into('<I', bad, loads[0] + 20, len(img) + 0x1000)   # p_memsz
    open(prefix + '-bad-segment-past-file.elf', 'wb').write(bad)

    bad = bytearray(img)
    bad[0:4] = b'\x7fBAD'
    open(prefix + '-bad-magic.elf', 'wb').write(bad)


if __name__ == '__main__':
    main()
