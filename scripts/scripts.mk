# scripts/: reports across machines. `make report` builds nothing: it reads the results folders
# with sh, awk and gnuplot (gnuplot-nox, listed in scripts/deps.sh) and writes REPORT.md,
# REPORT.html and plots/ beside them.
#   make report                                      every folder under results/
#   make report REPORT_RESULTS=dir REPORT_OUT=dir    other results, or the report elsewhere
REPORT_RESULTS ?= results
REPORT_OUT     ?= $(REPORT_RESULTS)

report:
	scripts/report.sh --results $(REPORT_RESULTS) --out $(REPORT_OUT)
