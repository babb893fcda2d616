#!/usr/bin/env bash
# The JUnit XML that mpdts-report writes is what Jenkins' JUnit plugin accepts, and it counts like
# ctest does:
#   1. the JUnit of a fixture run across every plan (lab_results/) validates against
#      data/jenkins-junit.xsd (xmllint), and so does the one of sample_results/;
#   2. the schema can fail: broken variants of that JUnit are refused;
#   3. the recorder fixture's cases, run as a small ctest project, give the same tests / failures /
#      skipped counts in `ctest --output-junit` as in our junit.xml of the same cases' records.
#   junit_schema_test.sh MPDTS_REPORT RECORDER_FIXTURE SOURCE_DIR WORK_DIR
set -euo pipefail
report=$(realpath "$1") fixture=$(realpath "$2") src=$(realpath "$3") work=$4
xsd=$src/data/jenkins-junit.xsd
rm -rf "$work" && mkdir -p "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }

# xpath count/attribute of a JUnit file
xp() { xmllint --xpath "$2" "$1" 2>/dev/null; }

# --- 1. our JUnit validates
for name in lab_results sample_results; do
  cp -r "$src/$name" "$work/$name"
  "$report" --results "$work/$name" >/dev/null 2>&1 || fail "mpdts-report on $name"
  xmllint --noout --schema "$xsd" "$work/$name/junit.xml" || fail "$name/junit.xml does not validate"
done
j=$work/lab_results/junit.xml
[ "$(xp "$j" 'string(/testsuites/@tests)')" = 7 ] || fail "lab_results: tests != 7"
[ "$(xp "$j" 'string(/testsuites/@failures)')" = 2 ] || fail "lab_results: failures != 2"
[ "$(xp "$j" 'string(/testsuites/@skipped)')" = 1 ] || fail "lab_results: skipped != 1"
# The case that passed on a known finding carries it as a property (and has no failure).
finding=$(xp "$j" 'count(//testcase[@name="Case/Attach_FromPrimary_NullVdev"]/properties/property[starts-with(@name,"known_finding[duplicate-attach-refused]")])')
[ "$finding" = 1 ] || fail "the known finding is not a property of its test case"
[ "$(xp "$j" 'count(//testcase[properties]/failure)')" = 0 ] || fail "a finding case has a failure"
echo "ok: junit.xml of lab_results and sample_results validate (7 tests, 2 failures, 1 skipped, 1 finding property)"

# --- 2. the schema refuses what Jenkins would not read
broken() {  # NAME SED-EXPRESSION: a variant of lab_results' junit.xml that must not validate
  sed -e "$2" "$j" > "$work/broken-$1.xml"
  if xmllint --noout --schema "$xsd" "$work/broken-$1.xml" 2>/dev/null; then fail "broken variant '$1' validates"; fi
  echo "ok: refused: $1"
}
broken "testcase without a name" '0,/<testcase classname="\([^"]*\)" name="[^"]*"/s//<testcase classname="\1"/'
broken "count that is not a number" '0,/tests="7"/s//tests="seven"/'
broken "time with a unit" '0,/time="\([0-9.]*\)"/s//time="\1s"/'
broken "two outcomes in one case" '0,/<skipped message="\([^"]*\)"\/>/s//<skipped message="\1"\/><failure message="x"\/>/'
broken "unknown element" '0,/<system-out>/s//<stdout\/><system-out>/'

# --- 3. ctest and our report count the same cases alike
proj=$work/ctest-project
mkdir -p "$proj"
cat > "$proj/CMakeLists.txt" <<CMAKE
cmake_minimum_required(VERSION 3.25)
project(junit_agreement NONE)
enable_testing()
foreach(t Passes FailsTwice Skips Crashes)
  add_test(NAME RecorderFixture.\${t}
           COMMAND "$fixture" --gtest_filter=RecorderFixture.\${t} "$work/ctest-records")
  set_tests_properties(RecorderFixture.\${t} PROPERTIES SKIP_REGULAR_EXPRESSION "\\\\[  SKIPPED \\\\]")
endforeach()
CMAKE
cmake -S "$proj" -B "$proj/build" >/dev/null || fail "configuring the small ctest project"
ctest --test-dir "$proj/build" --output-junit "$work/ctest-junit.xml" >/dev/null 2>&1 || true  # two cases fail by design
"$report" --results "$work/ctest-records" >/dev/null 2>&1 || fail "mpdts-report on the ctest records"
ours=$work/ctest-records/junit.xml
xmllint --noout --schema "$xsd" "$ours" || fail "our junit.xml of the ctest records does not validate"
# The schema accepts another producer's JUnit too (it describes the format, not our writer).
xmllint --noout --schema "$xsd" "$work/ctest-junit.xml" || fail "ctest's own JUnit does not validate"
for a in tests failures skipped; do
  theirs_n=$(xp "$work/ctest-junit.xml" "string(/testsuite/@$a)")
  ours_n=$(xp "$ours" "string(/testsuites/@$a)")
  [ -n "$theirs_n" ] && [ "$theirs_n" = "$ours_n" ] || fail "$a: ctest says '$theirs_n', our junit.xml '$ours_n'"
  echo "ok: $a agree: $ours_n"
done
[ "$(xp "$ours" 'string(/testsuites/@tests)')" = 4 ] || fail "not 4 cases"
echo "PASS"
