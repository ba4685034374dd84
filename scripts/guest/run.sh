#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The guest's test runner:  run.sh MODE BOARD "SETS"
#
#   kunit  load every KUnit suite module, print each suite's KTAP between
#          amp-ktap-begin/amp-ktap-end lines (the host parses them)
#   check  run every integration test that applies to BOARD, once per set,
#          one TAP line each: ok N - <set> <board> <scenario>
#   demo   run the demo script for BOARD
#   bench  run the benchmark for BOARD, every set in the same boot
#
# After each test the kernel log it produced is read: an oops, BUG,
# WARNING, KASAN or kmemleak report fails the test even if it passed
# (but for the known defects of in-tree modules, see known_defects).
. /amp/lib.sh

BAD_KLOG='Oops|BUG:|WARNING:|Unable to handle|Kernel panic|KASAN|kmemleak:.*new suspected|Call trace:|refcount_t:|list_(add|del) corruption|UBSAN|Internal error'
TEST_TIMEOUT=${TEST_TIMEOUT:-$((300 * AMP_SLOW))}
# after one of these the kernel cannot be trusted to run more tests
FATAL_KLOG='Oops|BUG:|Unable to handle|Internal error|Kernel panic'

mode=$1 board=$2 sets=$3

# Does the test file $1 apply to board $2? (`# boards:` header line, and
# the AMP_ONLY glob on scenario names, `make check ONLY=...`)
applies() {
	local b
	# shellcheck disable=SC2254
	case $(basename "$1" .sh) in ${AMP_ONLY:-*}) ;; *) return 1 ;; esac
	b=$(sed -n 's/^# boards:[[:space:]]*//p' "$1")
	case " $b " in
	*" all "* | *" $2 "*) return 0 ;;
	esac
	return 1
}

# Where every user task is in the kernel: state, wait channel, system
# call, kernel stack. Kernel threads (PF_KTHREAD in their flags) and the
# runner itself are left out.
tasks_report() {
	local d pid tid st
	for d in /proc/[0-9]*/task/[0-9]*; do
		pid=${d#/proc/}
		pid=${pid%%/*}
		tid=${d##*/}
		[ "$pid" = "$$" ] && continue
		st=$(cat "$d/stat" 2>/dev/null) || continue
		# shellcheck disable=SC2086
		set -- ${st##*\) }
		[ $# -ge 7 ] && [ $(($7 & 0x200000)) -eq 0 ] || continue
		st=$(sed -n 's/^State:[[:space:]]*//p' "$d/status" 2>/dev/null)
		case $st in "" | Z*) continue ;; esac
		echo "task $pid/$tid $(cat "$d/comm" 2>/dev/null) $st wchan=$(cat "$d/wchan" 2>/dev/null) syscall=$(cut -d' ' -f1-3 "$d/syscall" 2>/dev/null)"
		sed 's/^/    /' "$d/stack" 2>/dev/null
	done
}

# The tasks in D state, each with its count of context switches: one
# that is in D twice with the same count has not run in between.
d_tasks() {
	local d
	for d in /proc/[0-9]*/task/[0-9]*; do
		grep -q '^State:[[:space:]]*D' "$d/status" 2>/dev/null || continue
		echo "${d#/proc/} $(sed -n 's/^[a-z]*voluntary_ctxt_switches:[[:space:]]*//p' "$d/status" | tr '\n' +)"
	done
}

# Process $1 and every process under it.
process_tree() {
	local d ppid st kids=
	echo "$1"
	for d in /proc/[0-9]*; do
		st=$(cat "$d/stat" 2>/dev/null) || continue
		# shellcheck disable=SC2086
		set -- "$1" ${st##*\) }
		[ "$3" = "$1" ] && kids="$kids ${d#/proc/}"
	done
	for d in $kids; do
		process_tree "$d"
	done
}

# The watchdog of test $1, whose shell wrote its pid to /tmp/test.pid:
# whoever of it and the runner first makes /tmp/test.end.$1 decides
# whether the test ended in time. If the watchdog does, after TEST_TIMEOUT
# s, it writes where every task is to /tmp/stuck.log and to the results at
# once (the runner may itself get stuck behind the test), kills the test's
# shell and every process under it, and exits 1.
watchdog() {
	local n=0 pid
	while [ $n -lt "$TEST_TIMEOUT" ]; do
		sleep 1
		n=$((n + 1))
	done
	mkdir "/tmp/test.end.$1" 2> /dev/null || return 0
	tasks_report > /tmp/stuck.log 2>&1
	{
		echo "# test $1 still running after ${TEST_TIMEOUT}s; tasks:"
		sed 's/^/#   /' /tmp/stuck.log | head -n 400
	} > "${AMP_RESULTS:-/dev/null}"
	pid=$(cat /tmp/test.pid 2>/dev/null)
	# shellcheck disable=SC2046
	[ -n "$pid" ] && kill -KILL $(process_tree "$pid") 2>/dev/null
	return 1
}

run_kunit() {
	local ko before s
	for ko in "$OURSDIR"/*_kunit.ko; do
		[ -f "$ko" ] || continue
		echo "amp-kunit-module $(basename "$ko" .ko)"
		before=$(ls /sys/kernel/debug/kunit 2>/dev/null)
		if ! insmod "$ko" > /tmp/insmod.log 2>&1; then
			echo "amp-kunit-loadfail $(basename "$ko" .ko) $(cat /tmp/insmod.log)"
			continue
		fi
		for s in $(ls /sys/kernel/debug/kunit); do
			case " $(echo $before) " in *" $s "*) continue ;; esac
			echo "amp-ktap-begin $s"
			cat "/sys/kernel/debug/kunit/$s/results"
			echo "amp-ktap-end"
		done
		rmmod "$ko"
	done
}

# On a kmemleak kernel: anything unreferenced that the set's tests left?
# kmemleak reports an object only after it has been seen in two scans.
check_kmemleak() {
	local f=/sys/kernel/debug/kmemleak
	echo scan > $f
	sleep 1
	echo scan > $f
	cat $f > /tmp/kmemleak.log
	echo clear > $f
	if [ -s /tmp/kmemleak.log ]; then
		echo "not ok $1 - $2 # $(grep -c 'unreferenced object' /tmp/kmemleak.log) leak(s)"
		sed 's/^/#   /' /tmp/kmemleak.log | head -n 60
	else
		echo "ok $1 - $2"
	fi
}

run_check() {
	local set t n=0 total=0 rc reason leak=0 broken= stuck dog fired before d
	[ -e /sys/kernel/debug/kmemleak ] && leak=1
	for set in $sets; do
		for t in /amp/tests/*.sh; do
			applies "$t" "$board" && total=$((total + 1))
		done
		total=$((total + leak))
	done
	echo "1..$total"
	for set in $sets; do
		# only what this set's tests leave counts
		[ $leak = 1 ] && echo scan > /sys/kernel/debug/kmemleak &&
			echo clear > /sys/kernel/debug/kmemleak
		for t in /amp/tests/*.sh; do
			applies "$t" "$board" || continue
			n=$((n + 1))
			name="$set $board $(basename "$t" .sh)"
			if [ -n "$broken" ]; then
				echo "not ok $n - $name # not run: $broken"
				continue
			fi
			echo "# start $n - $name"
			rm -f /tmp/stuck.log /tmp/test.pid
			dmesg -c > /dev/null
			t0=$(cut -d. -f1 /proc/uptime)
			watchdog $n < /dev/null > /dev/null 2>&1 &
			dog=$!
			AMP_SET=$set AMP_BOARD=$board \
				sh -c "echo \$\$ > /tmp/test.pid; . /amp/lib.sh; . $t" > /tmp/test.log 2>&1
			rc=$?
			if mkdir "/tmp/test.end.$n" 2> /dev/null; then
				kill "$dog" 2> /dev/null
				wait "$dog" 2> /dev/null
				fired=
			else
				wait "$dog" 2> /dev/null
				fired=1 rc=137
			fi
			echo "# took $(($(cut -d. -f1 /proc/uptime) - t0)) s (guest time), exit $rc: $(tail -n 1 /tmp/test.log)"
			# timed out, and a task still stuck in the kernel after
			# the kill: the next tests would only wait for it too
			stuck=
			if [ -n "$fired" ]; then
				before=$(d_tasks)
				sleep 5
				for d in $(d_tasks | grep -xF "$before" | cut -d' ' -f1); do
					stuck="$stuck ${d%%/*}"
				done
			fi
			dmesg -c > /tmp/test.dmesg
			grep -qE "$FATAL_KLOG" /tmp/test.dmesg || [ -n "$stuck" ] ||
				amp_unload_all > /dev/null 2>&1
			reason=$(sed -n 's/^FAIL: //p' /tmp/test.log | tail -n 1)
			[ -n "$fired" ] &&
				reason="timed out after ${TEST_TIMEOUT}s (the tasks are above)"
			known=$(AMP_SET=$set known_defects /tmp/test.dmesg)
			bad=$(grep -E "$BAD_KLOG" /tmp/test.dmesg.checked | head -n 1)
			if [ -n "$bad" ] && { [ $rc -eq 0 ] || [ $rc -eq 77 ] || [ -z "$reason" ]; }; then
				rc=1
				reason="kernel log: $bad"
			fi
			grep -qE "$FATAL_KLOG" /tmp/test.dmesg &&
				broken="the kernel oopsed in $name"
			[ -n "$stuck" ] &&
				broken="a task is stuck in the kernel (pid$stuck) since $name"
			# what a test records for the reader (NOTE: lines), pass or fail
			sed -n 's/^NOTE: /# note: /p' /tmp/test.log
			[ -n "$known" ] && echo "$known" | sed 's/^/# note: known mainline defect: /'
			if [ $rc -eq 0 ]; then
				echo "ok $n - $name"
			elif [ $rc -eq 77 ]; then
				echo "ok $n - $name # SKIP $(sed -n 's/^SKIP: //p' /tmp/test.log)"
			else
				echo "not ok $n - $name # ${reason:-exit status $rc}"
				sed 's/^/#   /' /tmp/test.log | tail -n 40
				echo "#   --- kernel log ---"
				sed 's/^/#   /' /tmp/test.dmesg | tail -n 40
			fi
		done
		if [ $leak = 1 ] && [ -n "$broken" ]; then
			n=$((n + 1))
			echo "not ok $n - $set $board kmemleak # not run: $broken"
		elif [ $leak = 1 ]; then
			n=$((n + 1))
			check_kmemleak $n "$set $board kmemleak"
		fi
	done
}

case $mode in
kunit) run_kunit ;;
check) run_check ;;
demo) AMP_SET=${sets%% *} AMP_BOARD=$board sh -c ". /amp/lib.sh; . /amp/demo.sh" ;;
bench) AMP_SETS=$sets AMP_BOARD=$board sh -c ". /amp/lib.sh; . /amp/bench.sh" ;;
*) echo "run.sh: unknown mode $mode" ;;
esac
