// PLACEHOLDER: replaced by the HTTP ingest work (issue 4).
#include "ingest/fetch.h"

#include "ingest/reader.h"

namespace newsmine {

void FetchUrls(const std::vector<std::string>& urls, const FetchOptions&, RawDocumentSink* sink,
               ReadSummary* summary) {
  for (const std::string& url : urls) {
    sink->Reject(url, Status::Unsupported("fetching URLs is not built yet"));
    ++summary->inputs_failed;
  }
}

}  // namespace newsmine
