"""Adds up the TRX files of a test run (and the JUnit-like counts of the check scripts) into one line."""
import glob
import os
import sys
import xml.etree.ElementTree as ET

results = sys.argv[1]
passed = failed = skipped = 0
for trx in glob.glob(os.path.join(results, "**", "*.trx"), recursive=True):
    counters = ET.parse(trx).getroot().find(".//{*}Counters")
    if counters is None:
        continue
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0))
    skipped += int(counters.get("notExecuted", 0))
# Check scripts write "passed failed" counts to *.counts files.
for counts in glob.glob(os.path.join(results, "*.counts")):
    p, f = open(counts).read().split()
    passed += int(p)
    failed += int(f)
print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed or passed == 0 else 0)
