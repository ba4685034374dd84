#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""What can be checked of contrib/ without bitbake or Buildroot (offline).

usage: contrib_check.py yocto|buildroot KSRC

Both: the licence checksum against the repository's COPYING, the version
against dkms.conf, the module list against what `make` built here
(modules.order without the test-only modules). Yocto: the modules the
recipe says replace the kernel's are exactly those of its list that the
kernel (KSRC) builds under the same name; the autoloaded ones are in the
list; layer.conf's BBFILES matches the recipe, it depends on core (the
recipe inherits module) and names its collection consistently. Buildroot:
external.desc's name is the one Config.in and the .mk use, the .mk ends
with kernel-module then generic-package. Prints "ok: ..." per check, or
"FAIL: ..." and exits 1. What it cannot check (bitbake's parse, fetch and
build; Buildroot's build) is said in Documentation/shipping.md.
"""
import fnmatch
import hashlib
import os
import re
import sys

TOP = os.path.normpath(os.path.join(os.path.dirname(__file__), '..'))
fails = []


def check(cond, what):
    print(('ok: ' if cond else 'FAIL: ') + what)
    if not cond:
        fails.append(what)


def read(path):
    with open(os.path.join(TOP, path), encoding='utf-8') as f:
        return f.read()


def assignments(text):
    """VAR = "value" assignments (=, ?=, ??=, +=, .=), continuations joined."""
    text = text.replace('\\\n', ' ')
    out = {}
    for m in re.finditer(r'^([A-Za-z0-9_:${}.-]+)\s*(\?\?=|\?=|\+=|\.=|:=|=)\s*"(.*)"\s*$',
                         text, re.M):
        name, op, val = m.groups()
        val = ' '.join(val.split())
        out[name] = (out.get(name, '') + ' ' + val).strip() if op in ('+=', '.=') else val
    return out


def make_vars(text):
    """NAME = value lines of a makefile."""
    return dict(m.groups() for m in re.finditer(r'^(\w+)\s*=\s*(.*?)\s*$', text, re.M))


def package_version():
    return re.search(r'^PACKAGE_VERSION="(.*)"$', read('dkms.conf'), re.M).group(1)


def product_modules():
    """What make built (modules.order), without the test-only modules."""
    tests = set()
    for kb in ('drivers/vremote/Kbuild', 'kunit/Kbuild'):
        tests |= set(re.findall(r'^obj-\S*\s*\+=\s*(\w+)\.o', read(kb), re.M))
    built = {re.sub(r'\.k?o$', '', os.path.basename(l.strip()))
             for l in read('modules.order').splitlines() if l.strip()}
    return built - tests


def kernel_has(ksrc, name):
    """Does the kernel build a module NAME (NAME.o in a Makefile)?"""
    for sub in ('drivers', 'samples'):
        for root, _, files in os.walk(os.path.join(ksrc, sub)):
            for f in files:
                if f in ('Makefile', 'Kbuild'):
                    with open(os.path.join(root, f), encoding='utf-8', errors='replace') as mf:
                        if re.search(r'[\s=]' + re.escape(name) + r'\.o\b', mf.read()):
                            return True
    return False


def copying(algo):
    with open(os.path.join(TOP, 'COPYING'), 'rb') as f:
        return hashlib.new(algo, f.read()).hexdigest()


def yocto(ksrc):
    layer = 'contrib/meta-amp-oot'
    recipes = [os.path.join(r, f)[len(TOP) + 1:]
               for r, _, fs in os.walk(os.path.join(TOP, layer)) for f in fs if f.endswith('.bb')]
    check(len(recipes) == 1, f'one recipe in {layer}: {recipes}')
    recipe = recipes[0]
    v = assignments(read(recipe))
    conf = assignments(read(layer + '/conf/layer.conf'))

    m = re.search(r'file://COPYING;md5=([0-9a-f]{32})', v.get('LIC_FILES_CHKSUM', ''))
    check(bool(m) and m.group(1) == copying('md5'),
          f'LIC_FILES_CHKSUM is COPYING\'s md5 ({copying("md5")})')
    pv = re.match(r'.*/[^_/]+_([^_/]+)\.bb$', recipe)
    check(bool(pv) and pv.group(1) == package_version(),
          f'the recipe\'s version (file name) is dkms.conf\'s {package_version()}')
    check('module' in re.findall(r'^inherit\s+(.*)$', read(recipe), re.M)[0].split(),
          'the recipe inherits module')

    mods = set(v.get('AMP_OOT_MODULES', '').split())
    want = product_modules()
    check(mods == want, f'AMP_OOT_MODULES {sorted(mods)} is what make builds {sorted(want)}')
    repl = set(v.get('AMP_OOT_REPLACES', '').split())
    inkernel = {n for n in mods if kernel_has(ksrc, n)}
    check(repl == inkernel,
          f'AMP_OOT_REPLACES {sorted(repl)} is the modules the kernel also has {sorted(inkernel)}')
    for k, val in v.items():
        if k.startswith('AMP_OOT_AUTOLOAD'):
            check(set(val.split()) <= mods, f'{k} {val!r} loads modules of the package')
    check('KERNEL_MODULE_AUTOLOAD' in v and '${AMP_OOT_AUTOLOAD}' in v['KERNEL_MODULE_AUTOLOAD'],
          'KERNEL_MODULE_AUTOLOAD takes AMP_OOT_AUTOLOAD')
    check('RPROVIDES:${PN}' in v and 'AMP_OOT_REPLACES' in v['RPROVIDES:${PN}'],
          'RPROVIDES names the kernel\'s module packages it replaces')

    coll = conf.get('BBFILE_COLLECTIONS', '').split()
    check(len(coll) == 1, f'layer.conf names one collection: {coll}')
    c = coll[0] if coll else '?'
    for key in ('BBFILE_PATTERN_', 'BBFILE_PRIORITY_', 'LAYERSERIES_COMPAT_', 'LAYERDEPENDS_'):
        check(key + c in conf, f'layer.conf sets {key}{c}')
    check('core' in conf.get('LAYERDEPENDS_' + c, '').split(),
          'the layer depends on core (module.bbclass)')
    rel = recipe[len(layer) + 1:]
    pats = [p.replace('${LAYERDIR}/', '') for p in conf.get('BBFILES', '').split()]
    check(any(fnmatch.fnmatch(rel, p) for p in pats), f'BBFILES {pats} matches {rel}')
    check('AMP_OOT_LAYERDIR' in conf, 'layer.conf tells the recipe where the layer is')
    for t in ('udev_install', 'UDEVDIR', 'MDEVDIR', 'DATADIR'):
        check(t in read('Makefile'), f'the top Makefile has the {t} the recipe uses')


def buildroot():
    ext = 'contrib/buildroot'
    name = re.search(r'^name:\s*(\S+)', read(ext + '/external.desc'), re.M).group(1)
    var = f'BR2_EXTERNAL_{name}_PATH'
    check(var in read(ext + '/Config.in') and var in read(ext + '/external.mk'),
          f'Config.in and external.mk use {var}')
    mk = read(ext + '/package/amp-oot/amp-oot.mk')
    v = make_vars(mk)
    check(var in v.get('AMP_OOT_SITE', ''), 'the package is this repository')
    check(v.get('AMP_OOT_VERSION') == package_version(),
          f'AMP_OOT_VERSION is dkms.conf\'s {package_version()}')
    check(v.get('AMP_OOT_LICENSE_FILES') == 'COPYING', 'AMP_OOT_LICENSE_FILES is COPYING')
    h = re.search(r'^sha256\s+([0-9a-f]{64})\s+COPYING$', read(ext + '/package/amp-oot/amp-oot.hash'),
                  re.M)
    check(bool(h) and h.group(1) == copying('sha256'), 'amp-oot.hash has COPYING\'s sha256')
    evals = re.findall(r'^\$\(eval \$\((\S+)\)\)$', mk, re.M)
    check(evals == ['kernel-module', 'generic-package'],
          f'the .mk evals kernel-module then generic-package: {evals}')
    m = re.search(r'Modules:(.*?)\n\s*\n', read(ext + '/package/amp-oot/Config.in'), re.S)
    listed = set(m.group(1).split()) if m else set()
    want = product_modules()
    check(listed == want, f'Config.in\'s help lists the modules make builds {sorted(want)}')
    check('INSTALL_MOD_DIR=updates' in v.get('AMP_OOT_MODULE_MAKE_OPTS', ''),
          'modules installed under updates/')


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ('yocto', 'buildroot'):
        sys.exit(__doc__)
    if sys.argv[1] == 'yocto':
        yocto(sys.argv[2])
    else:
        buildroot()
    sys.exit(1 if fails else 0)


if __name__ == '__main__':
    main()
