// Status: the result of an operation that can fail, as a value (no exceptions
// cross a stage boundary). A Status is OK, or carries a code and a message
// written for a person ("truncated gzip stream at byte 4096").
//
// Thread-safety: a Status is a plain value; copies are independent.
#pragma once

#include <string>
#include <utility>

namespace newsmine {

class Status {
 public:
  enum class Code {
    kOk = 0,
    kInvalidArgument,  // bad option or usage
    kNotFound,         // a file, record or key that does not exist
    kIoError,          // the operating system refused a read or write
    kCorrupt,          // malformed input: broken gzip, WARC, JSON, HTML
    kLimitExceeded,    // an input broke a configured limit (size, depth, time)
    kUnsupported,      // a format or scheme we do not handle (binary, ftp:)
    kNetworkError,     // a fetch failed after its retries
    kBusy,             // a resource is held by someone else (store lock)
  };

  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) { return Status(Code::kInvalidArgument, std::move(m)); }
  static Status NotFound(std::string m) { return Status(Code::kNotFound, std::move(m)); }
  static Status IoError(std::string m) { return Status(Code::kIoError, std::move(m)); }
  static Status Corrupt(std::string m) { return Status(Code::kCorrupt, std::move(m)); }
  static Status LimitExceeded(std::string m) { return Status(Code::kLimitExceeded, std::move(m)); }
  static Status Unsupported(std::string m) { return Status(Code::kUnsupported, std::move(m)); }
  static Status NetworkError(std::string m) { return Status(Code::kNetworkError, std::move(m)); }
  static Status Busy(std::string m) { return Status(Code::kBusy, std::move(m)); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

  // A short machine-friendly name of the code ("corrupt"), used as the
  // failure reason in summaries and the store's error log.
  const char* CodeName() const;
  // "corrupt: truncated gzip stream", or "ok".
  std::string ToString() const;

 private:
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

}  // namespace newsmine
