// Test support: a small run with one case of each verdict, and transcripts in memory.
#pragma once

#include <map>
#include <string>

#include "mpdts/report/results_loader.hpp"
#include "mpdts/report/transcripts.hpp"

namespace mpdts::report::test {

// HotplugMp/Plan.Case/AttachVirtual_FromPrimary      passed  (plan hotplug_mp)
// HotplugMp/Plan.Case/RepeatVirtual_FromSecondary    failed, two failures
// SymmetricMp/Plan.Case/TwoQueues                    skipped (plan symmetric_mp)
// The environment has every key the reports show by name.
RunResults sample_run();

// `passed` + `failed` + `skipped` copies of sample_run()'s cases, with distinct names:
// with different numbers for each verdict, a count in the wrong place shows.
RunResults run_with_counts(int passed, int failed, int skipped);

// Transcripts by transcript_file; a case whose file is not in the map has none.
TranscriptSource transcripts_from(std::map<std::string, std::string> by_file);

}  // namespace mpdts::report::test
