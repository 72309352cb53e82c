// Loopback HTTP servers for the fetch tests and benchmark: a cpp-httplib
// server on 127.0.0.1 with an ephemeral port, and a raw TCP server that
// resets every connection (which httplib cannot do). Both stop and join
// their threads when destroyed.
#pragma once

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "ingest/document.h"
#include "ingest/reader.h"

namespace newsmine::testing {

class LoopbackServer {
 public:
  // Register handlers on server() before the first request; they run on the
  // server's threads.
  LoopbackServer() {
    // Enough threads that every keep-alive connection of a fetch has one.
    server_.new_task_queue = [] { return new httplib::ThreadPool(64); };
    server_.set_keep_alive_timeout(1);
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::yield();
  }
  ~LoopbackServer() {
    server_.stop();
    thread_.join();
  }

  httplib::Server& server() { return server_; }
  int port() const { return port_; }
  // "http://127.0.0.1:<port><path>".
  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

// Accepts connections, reads the request, and closes with a TCP reset.
class ResettingServer {
 public:
  ResettingServer() {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address);
    ::listen(listener_, 16);
    socklen_t length = sizeof address;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }
  ~ResettingServer() {
    stop_ = true;
    thread_.join();
    ::close(listener_);
  }

  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  int connections() const { return connections_; }

 private:
  void Serve() {
    while (!stop_) {
      pollfd p{listener_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      const int fd = ::accept(listener_, nullptr, nullptr);
      if (fd < 0) continue;
      ++connections_;
      char buffer[4096];
      pollfd c{fd, POLLIN, 0};
      if (::poll(&c, 1, 1000) > 0) (void)::recv(fd, buffer, sizeof buffer, 0);
      linger hard{1, 0};  // close with RST instead of FIN
      ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
      ::close(fd);
    }
  }

  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> connections_{0};
  std::thread thread_;
};

// Keeps what a fetch delivers.
class CollectingSink : public RawDocumentSink {
 public:
  bool Accept(RawDocument document) override {
    documents.push_back(std::move(document));
    return true;
  }
  void Reject(const std::string& uri, const Status& status) override { rejected.emplace_back(uri, status); }

  std::vector<RawDocument> documents;
  std::vector<std::pair<std::string, Status>> rejected;
};

}  // namespace newsmine::testing
