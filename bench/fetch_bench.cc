// Fetch throughput: 2,000 pages of about 14 KB from a loopback HTTP server,
// all on one origin with the politeness limits opened up (the bench measures
// the fetcher, not its delays). Reports pages/s and the process's peak RSS.
//
// The server is a minimal keep-alive HTTP/1.1 responder written here: it
// costs next to nothing per request, so the figures are the client's.
//
//   build/bench/fetch_bench
#include <arpa/inet.h>
#include <benchmark/benchmark.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "ingest/fetch.h"
#include "ingest/reader.h"

namespace newsmine {
namespace {

constexpr int kPages = 2000;

// About 14 KB of HTML, like a news page with its furniture.
std::string MakePage() {
  std::string page = "<!DOCTYPE html><html><head><title>Bench page</title></head><body>";
  for (int p = 0; p < 150; ++p) {
    page += "<p>Paragraph " + std::to_string(p) +
            " of a synthetic report about harbour traffic, grain prices and the weather.</p>\n";
  }
  return page + "</body></html>";
}

// Answers every GET on a kept-alive connection with the same page, and
// /robots.txt with 404. One thread per connection; all joined on exit.
class PageServer {
 public:
  PageServer() : page_(MakePage()) {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    const int on = 1;
    ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address);
    ::listen(listener_, 256);
    socklen_t length = sizeof address;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    acceptor_ = std::thread([this] { Accept(); });
  }
  ~PageServer() {
    stop_ = true;
    acceptor_.join();
    for (std::thread& t : connections_) t.join();
    ::close(listener_);
  }

  std::string Url(int n) const {
    return "http://127.0.0.1:" + std::to_string(port_) + "/page/" + std::to_string(n);
  }

 private:
  void Accept() {
    while (!stop_) {
      pollfd p{listener_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      const int fd = ::accept(listener_, nullptr, nullptr);
      if (fd >= 0) connections_.emplace_back([this, fd] { Serve(fd); });
    }
  }

  void Serve(int fd) {
    const std::string ok = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " +
                           std::to_string(page_.size()) + "\r\n\r\n" + page_;
    const std::string missing = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n";
    std::string pending;
    char buffer[16384];
    while (!stop_) {
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      pending.append(buffer, static_cast<size_t>(n));
      for (size_t end; (end = pending.find("\r\n\r\n")) != std::string::npos; pending.erase(0, end + 4)) {
        const std::string& answer = pending.rfind("GET /robots.txt ", 0) == 0 ? missing : ok;
        if (!SendAll(fd, answer)) break;
      }
    }
    ::close(fd);
  }

  static bool SendAll(int fd, const std::string& data) {
    for (size_t done = 0; done < data.size();) {
      const ssize_t n = ::send(fd, data.data() + done, data.size() - done, MSG_NOSIGNAL);
      if (n <= 0) return false;
      done += static_cast<size_t>(n);
    }
    return true;
  }

  const std::string page_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread acceptor_;
  std::vector<std::thread> connections_;  // touched by the acceptor thread only
};

class CountingSink : public RawDocumentSink {
 public:
  bool Accept(RawDocument document) override {
    bytes += document.bytes.size();
    ++documents;
    return true;
  }
  void Reject(const std::string&, const Status&) override { ++rejected; }
  size_t documents = 0, rejected = 0, bytes = 0;
};

double PeakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

void BM_FetchLoopbackPages(benchmark::State& state) {
  PageServer server;
  std::vector<std::string> urls;
  for (int i = 0; i < kPages; ++i) urls.push_back(server.Url(i));
  FetchOptions options;
  options.concurrency = static_cast<int>(state.range(0));
  options.per_host_concurrency = options.concurrency;
  options.per_host_delay_ms = 0;
  size_t pages = 0, bytes = 0, failed = 0;
  for (auto _ : state) {
    CountingSink sink;
    ReadSummary summary;
    FetchUrls(urls, options, &sink, &summary);
    pages += sink.documents;
    bytes += sink.bytes;
    failed += sink.rejected;
  }
  state.counters["pages_per_s"] = benchmark::Counter(static_cast<double>(pages), benchmark::Counter::kIsRate);
  state.counters["failed"] = static_cast<double>(failed);
  state.counters["peak_rss_mb"] = PeakRssMb();
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_FetchLoopbackPages)
    ->Arg(1)
    ->Arg(16)
    ->Arg(64)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(3);

}  // namespace
}  // namespace newsmine

BENCHMARK_MAIN();
