# scripts/: reports across machines. `make report` builds nothing: it reads the results folders
# with Lua 5.4 (lua5.4) and gnuplot (gnuplot-nox), both listed in scripts/deps.sh, and writes REPORT.md,
# REPORT.html and plots/ beside them.
#   make report                                      every folder under results/
#   make report REPORT_RESULTS=dir REPORT_OUT=dir    other results, or the report elsewhere
REPORT_RESULTS ?= results
REPORT_OUT     ?= $(REPORT_RESULTS)

report:
	scripts/report.sh --results $(REPORT_RESULTS) --out $(REPORT_OUT)

# fresh-machine: a minimal Debian 12 root (debootstrap, downloads a system: not part of CI),
# this repository's HEAD cloned into it, the README's commands run there; the summary goes to
# results/fresh-machine.md.
.PHONY: fresh-machine
fresh-machine:
	scripts/fresh-machine.sh $(if $(KEEP_ROOT),--keep-root)
