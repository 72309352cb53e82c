// Fixtures shared by the ingest tests: a sink that records what the readers
// report, gzip compression, WARC records, and legacy-charset encoders for
// test text written in UTF-8.
#pragma once

#include <zlib.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "core/utf8.h"
#include "ingest/reader.h"

namespace newsmine::testing {

// Records every callback of the readers.
class RecordingSink : public RawDocumentSink {
 public:
  bool WantInput(const InputInfo& info) override {
    wanted.push_back(info.path);
    return skip_path.empty() || info.path != skip_path;
  }
  void InputFinished(const InputInfo& info) override { finished.push_back(info.path); }
  bool Accept(RawDocument document) override {
    documents.push_back(std::move(document));
    return true;
  }
  void Reject(const std::string& uri, const Status& status) override { rejected.emplace_back(uri, status); }

  std::string skip_path;
  std::vector<std::string> wanted, finished;
  std::vector<RawDocument> documents;
  std::vector<std::pair<std::string, Status>> rejected;
};

// One gzip member holding `data`.
inline std::string Gzip(const std::string& data) {
  z_stream z{};
  if (deflateInit2(&z, Z_BEST_SPEED, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("deflateInit2");
  }
  std::string out(deflateBound(&z, data.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

// A WARC 1.1 record with the given type, extra header lines and block.
inline std::string WarcRecord(const std::string& type, const std::string& id,
                              const std::string& extra_headers, const std::string& block) {
  return "WARC/1.1\r\nWARC-Type: " + type + "\r\nWARC-Record-ID: <urn:uuid:" + id +
         ">\r\nWARC-Date: 2024-07-13T10:00:00Z\r\n" + extra_headers +
         "Content-Length: " + std::to_string(block.size()) + "\r\n\r\n" + block + "\r\n\r\n";
}

// A WARC response record for `url` whose HTTP payload has `content_type`.
inline std::string WarcResponse(const std::string& id, const std::string& url,
                                const std::string& content_type, const std::string& body) {
  const std::string http = "HTTP/1.1 200 OK\r\nContent-Type: " + content_type +
                           "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  return WarcRecord("response", id,
                    "WARC-Target-URI: " + url + "\r\nContent-Type: application/http; msgtype=response\r\n",
                    http);
}

// UTF-8 text (Cyrillic and ASCII only) as windows-1251 bytes.
inline std::string ToWindows1251(const std::string& utf8) {
  std::string out;
  for (size_t pos = 0; pos < utf8.size();) {
    const char32_t cp = NextCodePoint(utf8, &pos);
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp >= 0x410 && cp <= 0x44F) {  // А..я
      out.push_back(static_cast<char>(0xC0 + (cp - 0x410)));
    } else if (cp == 0x401 || cp == 0x451) {  // Ё ё
      out.push_back(static_cast<char>(cp == 0x401 ? 0xA8 : 0xB8));
    } else {
      throw std::runtime_error("not in the test's windows-1251 subset");
    }
  }
  return out;
}

// UTF-8 text (code points below U+0100 only) as ISO-8859-1 bytes.
inline std::string ToLatin1(const std::string& utf8) {
  std::string out;
  for (size_t pos = 0; pos < utf8.size();) {
    const char32_t cp = NextCodePoint(utf8, &pos);
    if (cp > 0xFF) throw std::runtime_error("not Latin-1");
    out.push_back(static_cast<char>(cp));
  }
  return out;
}

}  // namespace newsmine::testing
