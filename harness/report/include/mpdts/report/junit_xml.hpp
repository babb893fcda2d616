// JUnit XML in the shape Jenkins' JUnit plugin reads (the Ant junit task's schema).
#pragma once

#include <string>

#include "mpdts/report/results_loader.hpp"
#include "mpdts/report/transcripts.hpp"

namespace mpdts::report {

// <testsuites name="mpdts"> with one <testsuite> per gtest suite (in order of first
// appearance), each carrying the environment as <properties>, and one <testcase> per
// record with <failure> or <skipped> and the transcript as <system-out>.
std::string render_junit_xml(const RunResults& run, const TranscriptSource& transcripts);

}  // namespace mpdts::report
