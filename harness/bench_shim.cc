// bench_shim.cc: Google Benchmark behind the C interface of bench.h. One benchmark per call,
// reported through a JSONReporter into a string; the per-repetition runs feed the statistics.
#include "bench.h"

#include <benchmark/benchmark.h>
#include <errno.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

namespace {

thread_local std::string last_error;
std::mutex bench_lock;

int fail(int code, const std::string &why) {
  last_error = why;
  return code;
}

void init_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    static char prog[256];
    snprintf(prog, sizeof prog, "%s", program_invocation_name ? program_invocation_name : "mhatune");
    static char *argv[] = {prog, nullptr};
    int argc = 1;
    benchmark::Initialize(&argc, argv);
  });
}

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

// Writes the JSON document; keeps every repetition run for the statistics and shows in the
// JSON the aggregates (or the run itself when there is only one).
class Collector : public benchmark::JSONReporter {
 public:
  std::vector<Run> runs;
  std::string error;

  void ReportRuns(const std::vector<Run> &reports) override {
    std::vector<Run> shown;
    for (const Run &r : reports) {
      if (r.error_occurred && error.empty()) error = r.error_message.empty() ? "benchmark error" : r.error_message;
      if (r.run_type == Run::RT_Iteration) {
        runs.push_back(r);
        if (r.repetitions >= 2) continue;
      }
      shown.push_back(r);
    }
    JSONReporter::ReportRuns(shown);
  }
};

struct Job {
  mha_bench_fn fn;
  void *user;
  double flops, bytes;
  mha_counters *ctr;
};

void body(benchmark::State &st, const Job *j) {
  long long before[MHA_COUNTERS_MAX], after[MHA_COUNTERS_MAX];
  int nc = 0;
  if (j->ctr && mha_counters_available(j->ctr) > 0 && mha_counters_start(j->ctr) == 0)
    nc = mha_counters_read(j->ctr, before, MHA_COUNTERS_MAX);  // after start: a forked child reopens there
  for (auto _ : st) j->fn(j->user);
  if (nc > 0 && mha_counters_stop(j->ctr, (long)st.iterations()) == 0 &&
      mha_counters_read(j->ctr, after, MHA_COUNTERS_MAX) == nc)
    for (int i = 0; i < nc; i++)
      st.counters[mha_counters_label(j->ctr, i)] =
          benchmark::Counter((double)(after[i] - before[i]), benchmark::Counter::kAvgIterations);
  if (j->flops > 0)
    st.counters["GFLOP/s"] = benchmark::Counter(j->flops / 1e9, benchmark::Counter::kIsIterationInvariantRate);
  if (j->bytes > 0)
    st.counters["GB/s"] = benchmark::Counter(j->bytes / 1e9, benchmark::Counter::kIsIterationInvariantRate);
}

int run(const char *name, mha_bench_fn fn, void *user, const mha_bench_opts *opts, double flops, double bytes,
        mha_counters *ctr, mha_bench_stats *out, char **json) {
  if (json) *json = nullptr;
  if (!name || !name[0] || !fn || !out) return fail(-1, "mha_bench_run: name, fn and out are required");
  mha_bench_opts o = {};
  if (opts) o = *opts;
  if (!(o.min_time_s >= 0) || o.repetitions < 0 || !std::isfinite(flops) ||
      !std::isfinite(bytes) || flops < 0 || bytes < 0)
    return fail(-1, "mha_bench_run: negative or non-finite option");
  if (o.min_time_s == 0) o.min_time_s = 0.1;
  if (o.repetitions == 0) o.repetitions = 5;
  if (o.warmup_iters == 0) o.warmup_iters = 2;
  memset(out, 0, sizeof *out);

  std::lock_guard<std::mutex> hold(bench_lock);
  init_once();
  for (int i = 0; i < o.warmup_iters; i++) fn(user);

  Job job = {fn, user, flops, bytes, ctr};
  std::ostringstream js, err;
  Collector rep;
  rep.SetOutputStream(&js);
  rep.SetErrorStream(&err);
  benchmark::ClearRegisteredBenchmarks();
  benchmark::internal::Benchmark *b = benchmark::RegisterBenchmark(name, [&job](benchmark::State &st) { body(st, &job); });
  b->UseRealTime()->MinTime(o.min_time_s)->Repetitions(o.repetitions)->Unit(benchmark::kMicrosecond);
  b->ComputeStatistics("min", +[](const std::vector<double> &v) -> double {
    return v.empty() ? 0.0 : *std::min_element(v.begin(), v.end());
  });
  size_t matched = benchmark::RunSpecifiedBenchmarks(&rep, ".");
  benchmark::ClearRegisteredBenchmarks();

  if (matched != 1) return fail(-2, "Google Benchmark ran no benchmark: " + err.str());
  if (!rep.error.empty()) return fail(-2, rep.error);
  std::vector<double> t;
  for (const auto &r : rep.runs)
    if (r.iterations > 0) t.push_back(r.real_accumulated_time / (double)r.iterations);
  if (t.empty()) return fail(-2, "Google Benchmark reported no repetition");

  double sum = 0, ss = 0;
  for (double x : t) sum += x;
  double mean = sum / (double)t.size();
  for (double x : t) ss += (x - mean) * (x - mean);
  out->repetitions = (int)t.size();
  out->iterations = (long)rep.runs[0].iterations;
  out->median_s = median(t);
  out->mean_s = mean;
  out->stddev_s = t.size() > 1 ? std::sqrt(ss / (double)(t.size() - 1)) : 0;
  out->min_s = *std::min_element(t.begin(), t.end());
  out->cv = mean > 0 ? out->stddev_s / mean : 0;
  if (out->median_s > 0) {
    out->gflops = flops / out->median_s / 1e9;
    out->gbs = bytes / out->median_s / 1e9;
  }
  for (int i = 0; ctr && i < mha_counters_available(ctr) && i < MHA_COUNTERS_MAX; i++) {
    const char *label = mha_counters_label(ctr, i);
    std::vector<double> v;
    for (const auto &r : rep.runs) {
      auto it = r.counters.find(label);
      if (it != r.counters.end()) v.push_back(it->second.value);
    }
    if (v.empty()) continue;
    out->counter_label[out->counters] = label;
    out->counter_per_iter[out->counters++] = median(v);
  }
  if (json) {
    std::string s = js.str();
    *json = static_cast<char *>(malloc(s.size() + 1));
    if (!*json) return fail(-2, "out of memory for the JSON document");
    memcpy(*json, s.c_str(), s.size() + 1);
  }
  last_error.clear();
  return 0;
}

}  // namespace

extern "C" int mha_bench_run(const char *name, mha_bench_fn fn, void *user, const mha_bench_opts *opts,
                             double flops_per_iter, double bytes_per_iter, mha_counters *ctr, mha_bench_stats *out,
                             char **json) {
  try {
    return run(name, fn, user, opts, flops_per_iter, bytes_per_iter, ctr, out, json);
  } catch (const std::exception &e) {
    return fail(-3, std::string("mha_bench_run: ") + e.what());
  } catch (...) {
    return fail(-3, "mha_bench_run: unknown exception");
  }
}

extern "C" const char *mha_bench_error(void) { return last_error.c_str(); }
