#include "core/status.h"

namespace newsmine {

const char* Status::CodeName() const {
  switch (code_) {
    case Code::kOk:
      return "ok";
    case Code::kInvalidArgument:
      return "invalid-argument";
    case Code::kNotFound:
      return "not-found";
    case Code::kIoError:
      return "io-error";
    case Code::kCorrupt:
      return "corrupt";
    case Code::kLimitExceeded:
      return "limit-exceeded";
    case Code::kUnsupported:
      return "unsupported";
    case Code::kNetworkError:
      return "network-error";
    case Code::kBusy:
      return "busy";
  }
  return "unknown";
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  return std::string(CodeName()) + ": " + message_;
}

}  // namespace newsmine
