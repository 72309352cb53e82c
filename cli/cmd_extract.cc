// newsmine extract: ingest and extract, records as JSON lines on stdout.
#include <cstdio>
#include <iostream>

#include "cli/batch.h"
#include "cli/commands.h"

namespace newsmine {
namespace {

// Records are encoded on the worker threads; this thread only writes them.
class StdoutSink : public RecordSink {
 public:
  bool WantsJsonLines() const override { return true; }
  Status WriteJsonLines(std::string_view lines, size_t) override {
    if (std::fwrite(lines.data(), 1, lines.size(), stdout) != lines.size()) {
      return Status::IoError("cannot write to standard output");
    }
    return Status::Ok();
  }
  Status Fail(const std::string& uri, const Status& why) override {
    PrintFailure(uri, why);
    return Status::Ok();
  }
};

}  // namespace

int ExtractCommand(int argc, char** argv) {
  BatchOptions options;
  ArgParser parser(
      "newsmine extract [options] INPUT...",
      "Ingest and extract, writing one record a line (JSON) to standard output; no store.\n"
      "INPUT is a file, a folder (walked recursively), an http(s) URL, or - for standard input.");
  AddBatchOptions(&parser, &options);
  std::vector<std::string> positional;
  if (Status s = parser.Parse(argc, argv, 2, &positional); !s.ok()) {
    std::fprintf(stderr, "newsmine extract: %s\n%s", s.message().c_str(), parser.Help().c_str());
    return kExitUsage;
  }
  if (parser.help_requested()) {
    std::fputs(parser.Help().c_str(), stdout);
    return kExitOk;
  }
  std::vector<std::string> inputs;
  if (Status s = CollectInputs(options, positional, &inputs); !s.ok()) {
    std::fprintf(stderr, "newsmine extract: %s\n", s.message().c_str());
    return kExitUsage;
  }
  PipelineOptions pipeline_options;
  if (Status s = MakePipelineOptions(options, inputs, &pipeline_options); !s.ok()) {
    std::fprintf(stderr, "newsmine extract: %s\n", s.message().c_str());
    return kExitUsage;
  }
  std::unique_ptr<Extractor> extractor;
  if (Status s = LoadExtractor(options, &extractor); !s.ok()) {
    std::fprintf(stderr, "newsmine extract: %s\n", s.ToString().c_str());
    return kExitFailure;
  }
  // Records are written a line at a time; a large buffer saves system calls.
  std::setvbuf(stdout, nullptr, _IOFBF, 1 << 20);
  StdoutSink sink;
  PipelineSummary summary;
  const Status s = RunPipeline(inputs, pipeline_options, *extractor, &sink, &summary);
  std::fflush(stdout);
  PrintSummary(summary, options.quiet);
  if (!s.ok()) {
    std::fprintf(stderr, "newsmine extract: stopped: %s\n", s.ToString().c_str());
    return kExitFailure;
  }
  return summary.inputs_failed > 0 ? kExitFailure : kExitOk;
}

}  // namespace newsmine
