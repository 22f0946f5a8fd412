"""Prints the mutation score and the surviving mutants of a Stryker.NET JSON report (bench/mutation/run.sh)."""
import json
import os
import sys

report_path, root = sys.argv[1], sys.argv[2]
with open(report_path, encoding="utf-8") as f:
    report = json.load(f)

counts = {}
left = []
for path, file in sorted(report["files"].items()):
    lines = file["source"].splitlines()
    for mutant in file["mutants"]:
        status = mutant["status"]
        counts[status] = counts.get(status, 0) + 1
        if status in ("Survived", "NoCoverage"):
            start = mutant["location"]["start"]
            original = lines[start["line"] - 1].strip() if start["line"] <= len(lines) else ""
            left.append((os.path.relpath(path, root), start["line"], start["column"], status, mutant["mutatorName"],
                         mutant.get("replacement", ""), original))

detected = counts.get("Killed", 0) + counts.get("Timeout", 0)
undetected = counts.get("Survived", 0) + counts.get("NoCoverage", 0)
score = 100.0 * detected / (detected + undetected) if detected + undetected else 100.0
print()
print("mutants: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
print(f"mutation score: {score:.1f}% ({detected} detected of {detected + undetected})")
for path, line, column, status, mutator, replacement, original in left:
    print(f"{status:10} {path}:{line}:{column} {mutator}: {original}  ->  {replacement}")
