#include "ingest/reader.h"

#include <algorithm>
#include <filesystem>

#include "core/hash.h"
#include "ingest/byte_stream.h"
#include "ingest/format_readers.h"

namespace newsmine {
namespace {

namespace fs = std::filesystem;

constexpr size_t kSniffBytes = 4096;
// gzip inside gzip is unwrapped this many times at most.
constexpr int kMaxGzipLayers = 3;

bool IsUrl(const std::string& input) { return input.starts_with("http://") || input.starts_with("https://"); }

InputInfo DescribeFile(const std::string& path) {
  InputInfo info;
  info.path = path;
  std::error_code ec;
  info.size = fs::file_size(path, ec);
  info.mtime_ns = fs::last_write_time(path, ec).time_since_epoch().count();
  info.fingerprint =
      std::to_string(info.size) + "-" + std::to_string(info.mtime_ns) + "-" + Hex64(Fnv1a64(path));
  return info;
}

// Opens `path` with every gzip layer unwrapped and the size cap applied.
std::unique_ptr<BufferedStream> OpenDecoded(const std::string& path, const ReaderOptions& options,
                                            Status* status) {
  std::unique_ptr<ByteStream> file = OpenFileStream(path, status);
  if (!file) return nullptr;
  if (options.progress) file = NewCountingStream(std::move(file), &options.progress->read);
  auto in = std::make_unique<BufferedStream>(NewCappedStream(std::move(file), options.max_input_bytes));
  for (int layer = 0; layer < kMaxGzipLayers; ++layer) {
    std::string_view magic;
    *status = in->Peek(2, &magic);
    if (!status->ok()) return nullptr;
    if (magic != "\x1f\x8b") break;
    in = std::make_unique<BufferedStream>(NewCappedStream(
        NewGzipStream(in->TakeStream(), options.max_compression_ratio), options.max_input_bytes));
  }
  return in;
}

enum class Format { kWarc, kJsonLines, kSingle };

// Looks at the first bytes only; a stream error is left for the format reader
// to meet after the documents before it.
Format Sniff(BufferedStream* in) {
  std::string_view head;
  in->Peek(kSniffBytes, &head);
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
  const size_t first = head.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return Format::kSingle;
  head.remove_prefix(first);
  if (head.starts_with("WARC/")) return Format::kWarc;
  if (head.starts_with('{')) return Format::kJsonLines;
  return Format::kSingle;
}

// The whole input is one document.
Status ReadSingle(BufferedStream* in, InputContext* context) {
  RawDocument document;
  document.uri = context->uri();
  bool more = false;
  Status s = in->ReadUpTo(context->options().max_document_bytes, &document.bytes, &more);
  if (!s.ok()) return s;
  if (more) {
    context->Reject(context->uri(),
                    Status::LimitExceeded("document larger than " +
                                          std::to_string(context->options().max_document_bytes) + " bytes"));
    return Status::Ok();
  }
  context->Emit(std::move(document));
  return Status::Ok();
}

// Reads one file or "-". Returns false when the run was cancelled.
bool ReadOneInput(const std::string& path, bool regular_file, const ReaderOptions& options,
                  RawDocumentSink* sink, ReadSummary* summary) {
  InputInfo info;
  InputProgress* const progress = options.progress;
  if (regular_file) {
    info = DescribeFile(path);
    if (!sink->WantInput(info)) {
      if (progress) progress->passed += info.size;
      return true;
    }
  }
  // What is left of a file read only in part counts as passed, so that read
  // and passed come to the file's size.
  const uint64_t read_before = progress ? progress->read.load() : 0;
  const auto pass_rest = [&] {
    if (!progress || !regular_file) return;
    const uint64_t read = progress->read - read_before;
    if (read < info.size) progress->passed += info.size - read;
  };
  Status s;
  std::unique_ptr<BufferedStream> in = OpenDecoded(path, options, &s);
  InputContext context(path, options, sink, summary);
  if (in) {
    switch (Sniff(in.get())) {
      case Format::kWarc:
        s = ReadWarc(in.get(), &context);
        break;
      case Format::kJsonLines:
        s = ReadJsonLines(in.get(), &context);
        break;
      case Format::kSingle:
        s = ReadSingle(in.get(), &context);
        break;
    }
  }
  pass_rest();
  if (context.cancelled()) return false;
  if (s.ok() && context.over_limit()) {
    s = Status::LimitExceeded("more than " + std::to_string(options.max_documents_per_input) +
                              " documents in one input; the rest is not read");
  }
  if (!s.ok()) {
    // The documents read before the damage have been passed on already.
    sink->Reject(path, s);
    ++summary->inputs_failed;
    return true;
  }
  if (regular_file) sink->InputFinished(info);
  return true;
}

// Every regular file under `folder`, in sorted order.
std::vector<std::string> ListFolder(const std::string& folder, std::error_code* ec) {
  std::vector<std::string> files;
  fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, *ec);
  for (; !*ec && it != fs::recursive_directory_iterator(); it.increment(*ec)) {
    std::error_code type_ec;
    if (it->is_regular_file(type_ec)) files.push_back(it->path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Numbers every document in run order, whichever reader found it.
class NumberingSink : public RawDocumentSink {
 public:
  explicit NumberingSink(RawDocumentSink* sink) : sink_(sink) {}
  bool WantInput(const InputInfo& info) override { return sink_->WantInput(info); }
  void InputFinished(const InputInfo& info) override { sink_->InputFinished(info); }
  RawDocument NewDocument() override { return sink_->NewDocument(); }
  bool Accept(RawDocument document) override {
    document.ordinal = next_ordinal_++;
    return sink_->Accept(std::move(document));
  }
  void Reject(const std::string& uri, const Status& status) override { sink_->Reject(uri, status); }

 private:
  RawDocumentSink* sink_;
  uint64_t next_ordinal_ = 0;
};

}  // namespace

bool InputContext::Emit(RawDocument&& document) {
  if (++emitted_ > options_.max_documents_per_input) {
    over_limit_ = true;
    return false;
  }
  ++summary_->documents;
  if (!sink_->Accept(std::move(document))) cancelled_ = true;
  return !cancelled_;
}

void InputContext::Reject(const std::string& uri, const Status& status) {
  ++summary_->documents_rejected;
  sink_->Reject(uri, status);
}

std::optional<uint64_t> TotalInputBytes(const std::vector<std::string>& inputs) {
  uint64_t bytes = 0;
  for (const std::string& input : inputs) {
    if (input == "-" || IsUrl(input)) return std::nullopt;
    std::error_code ec;
    if (fs::is_directory(input, ec)) {
      for (const std::string& file : ListFolder(input, &ec)) {
        std::error_code size_ec;
        const uint64_t size = fs::file_size(file, size_ec);
        if (!size_ec) bytes += size;
      }
    } else if (fs::is_regular_file(input, ec)) {
      const uint64_t size = fs::file_size(input, ec);
      if (!ec) bytes += size;
    }
  }
  return bytes;
}

ReadSummary ReadInputs(const std::vector<std::string>& inputs, const ReaderOptions& options,
                       RawDocumentSink* sink) {
  ReadSummary summary;
  NumberingSink numbered(sink);
  for (size_t i = 0; i < inputs.size(); ++i) {
    const std::string& input = inputs[i];
    if (IsUrl(input)) {
      // Consecutive URLs are fetched together (the fetcher works in parallel).
      std::vector<std::string> urls;
      for (; i < inputs.size() && IsUrl(inputs[i]); ++i) urls.push_back(inputs[i]);
      --i;
      FetchUrls(urls, options.fetch, &numbered, &summary);
      continue;
    }
    std::error_code ec;
    bool go_on = true;
    if (input == "-") {
      go_on = ReadOneInput(input, false, options, &numbered, &summary);
    } else if (fs::is_directory(input, ec)) {
      const std::vector<std::string> files = ListFolder(input, &ec);
      if (ec) {
        numbered.Reject(input, Status::IoError("cannot list " + input + ": " + ec.message()));
        ++summary.inputs_failed;
      }
      for (size_t f = 0; go_on && f < files.size(); ++f) {
        go_on = ReadOneInput(files[f], true, options, &numbered, &summary);
      }
    } else if (fs::is_regular_file(input, ec)) {
      go_on = ReadOneInput(input, true, options, &numbered, &summary);
    } else {
      numbered.Reject(input, Status::NotFound("no such file or folder: " + input));
      ++summary.inputs_failed;
    }
    if (!go_on) break;
  }
  return summary;
}

}  // namespace newsmine
