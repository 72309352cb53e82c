// The store at scale: generates N synthetic records (default 1,000,000; made
// up words, no real text), then measures
//   - ingest: Append + Commit every 10,000 records (records/s, MB/s),
//   - index build: `reindex` from the segments,
//   - indexed queries: p50/p99 latency of record queries (by actor, by state
//     and month, by words, each reading up to 100 whole records) and
//     of a votes query,
//   - rankings over the whole store: the top 20 actors, and the top 20 of
//     one state,
//   - full scans of the segments: raw lines, lines with a field extracted, and
//     full RapidJSON parses,
//   - store size.
// Flags (before Google Benchmark's own): --records=N, --store_dir=DIR (kept
// afterwards; default a temporary folder, removed), --reuse (with
// --store_dir: a store already there is measured as it is, without the
// ingest; so that builds, or stores of two SQLite page sizes, can be
// compared query by query in alternation).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "store/manifest.h"
#include "store/query.h"
#include "store/record_json.h"
#include "store/store.h"

namespace newsmine {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

uint64_t g_records = 1000000;
std::string g_dir;
bool g_keep = false;
bool g_reuse = false;

// Made-up vocabulary with a Zipf-like use: a few words are very common.
class SyntheticNews {
 public:
  explicit SyntheticNews(uint64_t seed) : rng_(seed) {
    static const char* const kSyllables[] = {"ka",  "lo", "mi",  "ren", "sta", "vor", "del",
                                             "in",  "ta", "bru", "shi", "on",  "ga",  "pel",
                                             "tor", "ny", "am",  "est", "qua", "zu"};
    for (int i = 0; i < 20000; ++i) {
      std::string word;
      for (int s = 0, n = 1 + i % 3 + (i > 2000); s < n; ++s)
        word += kSyllables[(i * 7 + s * 13 + i / 20) % 20];
      words_.push_back(word + (i >= 400 ? std::to_string(i % 97) : ""));
    }
    for (int i = 0; i < 5000; ++i) actors_.push_back("actor-" + std::to_string(i));
    for (int i = 0; i < 200; ++i) {
      states_.push_back(std::string(1, static_cast<char>('A' + i % 26)) +
                        static_cast<char>('A' + (i / 26) % 26) + static_cast<char>('A' + (i * 7) % 26));
    }
    for (int i = 0; i < 200; ++i) sources_.push_back("Outlet " + std::to_string(i));
  }

  Record Next(uint64_t n, const std::vector<Record>& recent) {
    // One in twenty is a reprint of a recent story with an outlet's footer.
    if (!recent.empty() && Uniform(20) == 0) {
      Record r = recent[Uniform(recent.size())];
      r.text += " Reprinted by " + sources_[Uniform(200)] + " with permission.";
      r.source_name = sources_[Uniform(200)];
      r.id = RecordIdForText(r.text);
      return r;
    }
    Record r;
    r.source_name = sources_[Zipf(200)];
    r.source_uri = "/archive/" + std::to_string(n / 1000) + ".warc.gz#" + std::to_string(n);
    r.url = "https://outlet" + std::to_string(n % 200) + ".example/story/" + std::to_string(n);
    r.title = Sentence(8);
    const int year = 2015 + static_cast<int>(Uniform(10));
    char date[48];
    std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, 1 + static_cast<int>(Uniform(12)),
                  1 + static_cast<int>(Uniform(28)));
    r.published = date;
    r.language = "en";
    for (int p = 0, paragraphs = 4 + static_cast<int>(Uniform(6)); p < paragraphs; ++p) {
      if (p) r.text += "\n\n";
      for (int s = 0; s < 3; ++s) r.text += Sentence(8 + Uniform(18)) + " ";
    }
    r.id = RecordIdForText(r.text);
    for (int a = 0, n_actors = 2 + static_cast<int>(Uniform(6)); a < n_actors; ++a) {
      Actor actor;
      actor.id = actors_[Zipf(5000)];
      actor.name = "Name of " + actor.id;
      actor.type = a % 3 ? "person" : "organization";
      actor.state = states_[Zipf(200)];
      actor.roles = {"minister"};
      actor.mentions = 1 + static_cast<int>(Uniform(8));
      r.actors.push_back(std::move(actor));
    }
    for (int s = 0, n_states = 1 + static_cast<int>(Uniform(4)); s < n_states; ++s) {
      StateMention state;
      state.code = states_[Zipf(200)];
      state.name = "State " + state.code;
      state.mentions = 1 + static_cast<int>(Uniform(10));
      state.sentiment = (static_cast<double>(Uniform(2001)) - 1000) / 1000;
      state.label = state.sentiment > 0.1 ? "positive" : state.sentiment < -0.1 ? "negative" : "neutral";
      state.evidence = {{Sentence(15), state.sentiment}};
      r.states.push_back(std::move(state));
    }
    if (Uniform(20) == 0) {
      for (int v = 0; v < 3; ++v) {
        Vote vote;
        vote.who = r.actors[v % r.actors.size()].name;
        vote.actor = r.actors[v % r.actors.size()].id;
        vote.percent = static_cast<double>(Uniform(1000)) / 10;
        vote.kind = "candidate";
        vote.election = "presidential election";
        vote.country = r.states[0].code;
        vote.date = r.published;
        vote.text = Sentence(12);
        r.votes.push_back(std::move(vote));
      }
    }
    return r;
  }

  std::string Word() { return words_[Zipf(words_.size())]; }
  const std::string& ActorId(size_t rank) const { return actors_[rank]; }
  const std::string& StateCode(size_t rank) const { return states_[rank]; }
  uint64_t Uniform(uint64_t n) { return std::uniform_int_distribution<uint64_t>(0, n - 1)(rng_); }

 private:
  // Rank in [0, n) with a 1/rank-like law (a cheap approximation).
  size_t Zipf(size_t n) {
    const double u = std::uniform_real_distribution<double>(0, 1)(rng_);
    return std::min(n - 1, static_cast<size_t>(std::pow(static_cast<double>(n), u)) - 1);
  }
  std::string Sentence(uint64_t words) {
    std::string s;
    for (uint64_t w = 0; w < words; ++w) s += (w ? " " : "") + Word();
    s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
    return s + ".";
  }

  std::mt19937_64 rng_;
  std::vector<std::string> words_, actors_, states_, sources_;
};

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

// Processor time of this process: on a shared machine, wall time alone
// overstates the cost.
double CpuSeconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

uint64_t FolderBytes(const std::string& dir, const std::string& prefix) {
  uint64_t bytes = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().filename().string().rfind(prefix, 0) == 0)
      bytes += entry.file_size();
  }
  return bytes;
}

// Builds the store once; the figures go to stderr and into the counters.
void BuildStore() {
  fs::remove_all(g_dir);
  std::unique_ptr<Store> store;
  if (Status s = Store::Open(g_dir, Store::Mode::kWrite, &store); !s.ok()) {
    std::fprintf(stderr, "store_bench: %s\n", s.ToString().c_str());
    std::exit(1);
  }
  SyntheticNews news(42);
  std::vector<Record> recent;
  double generate_seconds = 0, generate_cpu = 0;
  const auto start = Clock::now();
  const double start_cpu = CpuSeconds();
  for (uint64_t n = 0; n < g_records; ++n) {
    const auto g = Clock::now();
    const double g_cpu = CpuSeconds();
    Record r = news.Next(n, recent);
    generate_seconds += Seconds(g);
    generate_cpu += CpuSeconds() - g_cpu;
    if (recent.size() < 1000) {
      recent.push_back(r);
    } else if (news.Uniform(50) == 0) {
      recent[news.Uniform(recent.size())] = r;
    }
    AppendOutcome outcome;
    Status s = store->Append(std::move(r), &outcome);
    if (s.ok() && store->uncommitted_records() >= 10000) s = store->Commit();
    if ((n + 1) % 100000 == 0) {
      std::fprintf(stderr, "store_bench: %llu records appended, %.1f s, CPU %.1f s (generation included)\n",
                   static_cast<unsigned long long>(n + 1), Seconds(start), CpuSeconds() - start_cpu);
    }
    if (!s.ok()) {
      std::fprintf(stderr, "store_bench: %s\n", s.ToString().c_str());
      std::exit(1);
    }
  }
  if (Status s = store->Commit(); !s.ok()) std::exit(1);
  const double ingest = Seconds(start) - generate_seconds;
  const double ingest_cpu = CpuSeconds() - start_cpu - generate_cpu;
  const uint64_t segment_bytes = FolderBytes(g_dir + "/segments", "");
  std::fprintf(stderr,
               "store_bench: %llu records (%llu near-duplicates), %.1f MB of segments\n"
               "store_bench: ingest %.1f s (generation excluded: %.1f s): %.0f records/s, %.1f MB/s; "
               "CPU %.1f s: %.0f records/CPU-s\n",
               static_cast<unsigned long long>(store->manifest().records),
               static_cast<unsigned long long>(store->manifest().duplicates), segment_bytes / 1e6, ingest,
               generate_seconds, g_records / ingest, segment_bytes / 1e6 / ingest, ingest_cpu,
               g_records / ingest_cpu);
  const auto reindex = Clock::now();
  const double reindex_cpu = CpuSeconds();
  if (Status s = store->Reindex(); !s.ok()) {
    std::fprintf(stderr, "store_bench: reindex: %s\n", s.ToString().c_str());
    std::exit(1);
  }
  std::fprintf(stderr, "store_bench: index build (reindex) %.1f s: %.0f records/s; CPU %.1f s\n",
               Seconds(reindex), g_records / Seconds(reindex), CpuSeconds() - reindex_cpu);
  std::fprintf(stderr,
               "store_bench: store size %.1f MB: segments %.1f MB, index %.1f MB, full-text index %.1f MB, "
               "band file %.1f MB\n",
               FolderBytes(g_dir, "") / 1e6, segment_bytes / 1e6, FolderBytes(g_dir, "index.sqlite") / 1e6,
               FolderBytes(g_dir + "/fulltext", "") / 1e6, FolderBytes(g_dir, "bands.bin") / 1e6);
}

std::unique_ptr<Store> OpenReader() {
  std::unique_ptr<Store> store;
  if (Status s = Store::Open(g_dir, Store::Mode::kRead, &store); !s.ok()) std::exit(1);
  return store;
}

// Times `queries` runs of make_filter(i) reading up to 100 whole records each;
// reports p50/p99 in milliseconds.
template <typename Query>
void MeasureLatency(benchmark::State& state, Query query) {
  auto store = OpenReader();
  SyntheticNews news(7);
  std::vector<double> ms;
  uint64_t rows = 0;
  for (auto _ : state) {
    for (int i = 0; i < 200; ++i) {
      const auto start = Clock::now();
      rows += query(store.get(), news, i);
      ms.push_back(Seconds(start) * 1e3);
    }
  }
  std::sort(ms.begin(), ms.end());
  state.counters["p50_ms"] = ms[ms.size() / 2];
  state.counters["p99_ms"] = ms[ms.size() * 99 / 100];
  state.counters["rows_per_query"] = static_cast<double>(rows) / static_cast<double>(ms.size());
}

uint64_t RunRecordQuery(Store* store, const RecordFilter& filter) {
  uint64_t rows = 0;
  std::string json;
  const Status s = FindRecords(store->index(), filter, [&](const RecordMatch& m) {
    ++rows;
    return store->ReadRecordJson(m.location, &json);
  });
  if (!s.ok()) std::exit(1);
  return rows;
}

void BM_QueryByActor(benchmark::State& state) {
  MeasureLatency(state, [](Store* store, SyntheticNews& news, int i) {
    RecordFilter f;
    f.actor = news.ActorId(static_cast<size_t>(i) * 23 % 5000);
    f.limit = 100;
    return RunRecordQuery(store, f);
  });
}

void BM_QueryByStateAndMonth(benchmark::State& state) {
  MeasureLatency(state, [](Store* store, SyntheticNews& news, int i) {
    RecordFilter f;
    f.state = news.StateCode(static_cast<size_t>(i) % 200);
    char month[32];
    std::snprintf(month, sizeof month, "%04d-%02d", 2015 + i % 10, 1 + i % 12);
    f.article.since = f.article.until = month;
    f.limit = 100;
    return RunRecordQuery(store, f);
  });
}

void BM_QueryByWords(benchmark::State& state) {
  MeasureLatency(state, [](Store* store, SyntheticNews& news, int) {
    RecordFilter f;
    f.text = news.Word() + " " + news.Word();
    f.limit = 100;
    return RunRecordQuery(store, f);
  });
}

void BM_QueryVotesByCountry(benchmark::State& state) {
  MeasureLatency(state, [](Store* store, SyntheticNews& news, int i) {
    VoteFilter f;
    f.country = news.StateCode(static_cast<size_t>(i) % 200);
    ResultTable table;
    if (!QueryVotes(store->index(), f, &table).ok()) std::exit(1);
    return static_cast<uint64_t>(table.rows.size());
  });
}

// `query actors`: the top 20 of every actor row, or of one state's (a
// different state each time).
void BM_RankActors(benchmark::State& state) {
  auto store = OpenReader();
  SyntheticNews news(7);
  size_t rows = 0, i = 0;
  for (auto _ : state) {
    ActorFilter f;
    if (state.range(0)) f.state = news.StateCode(i++ * 7 % 200);
    ResultTable table;
    if (!QueryActors(store->index(), f, &table).ok()) std::exit(1);
    rows += table.rows.size();
  }
  state.counters["rows"] = static_cast<double>(rows) / static_cast<double>(state.iterations());
}

// Full scans of the segments through the fast block reader.
template <typename PerLine>
void MeasureScan(benchmark::State& state, PerLine per_line) {
  auto store = OpenReader();
  uint64_t bytes = 0, lines = 0, matches = 0;
  for (auto _ : state) {
    const Status s =
        ScanSegments(store->dir(), store->manifest(), [&](const RecordLocation&, std::string_view line) {
          bytes += line.size() + 1;
          ++lines;
          matches += per_line(line);
          return Status::Ok();
        });
    if (!s.ok()) std::exit(1);
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["records"] = static_cast<double>(lines) / static_cast<double>(state.iterations());
  state.counters["matches"] = static_cast<double>(matches) / static_cast<double>(state.iterations());
}

void BM_FullScanLines(benchmark::State& state) {
  MeasureScan(state, [](std::string_view line) { return line.size() > 2 && line.front() == '{'; });
}

// Field extraction without a parse: the "published" key, which the writer
// puts before the text, compared with a date.
void BM_FullScanPublishedFilter(benchmark::State& state) {
  MeasureScan(state, [](std::string_view line) {
    static constexpr std::string_view kKey = "\"published\":\"";
    const size_t at = line.find(kKey);
    return at != std::string_view::npos && line.substr(at + kKey.size(), 4) >= "2020";
  });
}

void BM_FullScanParseRecords(benchmark::State& state) {
  MeasureScan(state, [](std::string_view line) {
    Record r;
    return ParseRecordJson(line, &r).ok() && !r.votes.empty();
  });
}

}  // namespace
}  // namespace newsmine

int main(int argc, char** argv) {
  std::vector<char*> rest;
  for (int i = 0; i < argc; ++i) {
    if (std::strncmp(argv[i], "--records=", 10) == 0) {
      newsmine::g_records = std::strtoull(argv[i] + 10, nullptr, 10);
    } else if (std::strncmp(argv[i], "--store_dir=", 12) == 0) {
      newsmine::g_dir = argv[i] + 12;
      newsmine::g_keep = true;
    } else if (std::strcmp(argv[i], "--reuse") == 0) {
      newsmine::g_reuse = true;
    } else {
      rest.push_back(argv[i]);
    }
  }
  if (newsmine::g_dir.empty()) {
    newsmine::g_dir = (std::filesystem::temp_directory_path() / "newsmine-store-bench").string();
  }
  int rest_argc = static_cast<int>(rest.size());
  benchmark::Initialize(&rest_argc, rest.data());
  using namespace newsmine;
  if (g_reuse && g_keep && std::filesystem::exists(g_dir + "/" + kManifestFile)) {
    std::fprintf(stderr, "store_bench: measuring the store in %s as it is\n", g_dir.c_str());
  } else {
    BuildStore();
  }
  benchmark::RegisterBenchmark("QueryByActor/limit100", BM_QueryByActor)
      ->Iterations(1)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("QueryByStateAndMonth/limit100", BM_QueryByStateAndMonth)
      ->Iterations(1)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("QueryByWords/limit100", BM_QueryByWords)
      ->Iterations(1)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("QueryVotesByCountry", BM_QueryVotesByCountry)
      ->Iterations(1)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("RankActors/all", BM_RankActors)
      ->Arg(0)
      ->Iterations(3)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("RankActors/ofAState", BM_RankActors)
      ->Arg(1)
      ->Iterations(3)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("FullScanLines", BM_FullScanLines)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("FullScanPublishedFilter", BM_FullScanPublishedFilter)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("FullScanParseRecords", BM_FullScanParseRecords)
      ->Iterations(1)
      ->Unit(benchmark::kMillisecond);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  if (!newsmine::g_keep) std::filesystem::remove_all(newsmine::g_dir);
  return 0;
}
