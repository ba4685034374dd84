#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Rewrite an ELF32 firmware image as ELF64 with the same contents.

usage: fw_elf64.py IN32.elf OUT64.elf

Remoteproc loads ELF64 images as well as ELF32 ones (seed 000: "Supports
ELF32 and ELF64 firmware binaries"); Cortex-M toolchains only make ELF32.
The file's bytes move up by one 64 KiB step (keeping every segment's
offset congruent to its address), headers and section headers are
rewritten in the 64-bit layout; the 32-bit symbol table is kept as plain
bytes; nothing else changes.
"""
import struct
import sys

SHIFT = 0x10000


def main():
    src, dst = sys.argv[1], sys.argv[2]
    img = open(src, 'rb').read()
    if img[:4] != b'\x7fELF' or img[4] != 1:
        sys.exit('fw_elf64.py: %s is not ELF32' % src)
    (e_type, e_machine, e_version, e_entry, e_phoff, e_shoff, e_flags,
     _ehsize, phentsize, phnum, shentsize, shnum, shstrndx) = \
        struct.unpack_from('<HHIIIIIHHHHHH', img, 16)

    phdrs = []
    for i in range(phnum):
        phdrs.append(struct.unpack_from('<IIIIIIII', img, e_phoff + i * phentsize))
    shdrs = []
    for i in range(shnum):
        shdrs.append(struct.unpack_from('<IIIIIIIIII', img, e_shoff + i * shentsize))

    out = bytearray(SHIFT) + bytearray(img)
    phoff = 64
    if phoff + 56 * phnum > SHIFT:
        sys.exit('fw_elf64.py: too many program headers')
    shoff = (len(out) + 7) & ~7
    out += bytearray(shoff - len(out))
    for (name, typ, flags, addr, off, size, link, info, align, entsize) in shdrs:
        if typ == 2:        # SHT_SYMTAB: 32-bit symbols, kept as plain bytes
            typ, link, info, entsize = 1, 0, 0, 0
        out += struct.pack('<IIQQQQIIQQ', name, typ, flags, addr,
                           off + SHIFT if off else 0, size, link, info, align, entsize)

    ident = bytearray(img[:16])
    ident[4] = 2                                  # ELFCLASS64
    struct.pack_into('16sHHIQQQIHHHHHH', out, 0, bytes(ident), e_type, e_machine,
                     e_version, e_entry, phoff, shoff, e_flags, 64, 56, phnum,
                     64, shnum, shstrndx)
    for i, (typ, off, vaddr, paddr, filesz, memsz, flags, align) in enumerate(phdrs):
        struct.pack_into('<IIQQQQQQ', out, phoff + 56 * i, typ, flags, off + SHIFT,
                         vaddr, paddr, filesz, memsz, align)
    open(dst, 'wb').write(out)


main()
