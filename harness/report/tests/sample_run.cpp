#include "sample_run.hpp"

namespace mpdts::report::test {

RunResults sample_run() {
  RunResults run;
  run.dir = "/results";
  run.environment = {
      {"dpdk_version", "DPDK 22.11.11"},
      {"kernel", "6.1.0-27-amd64"},
      {"topology_file", "topologies/two-vms.yaml"},
      {"topology_text", "vms:\n  - name: vm0\n"},
      {"accelerator", "kvm"},
      {"hostname", "ci-runner-7"},
      {"started", "2026-11-21T13:00:00.000Z"},
  };

  CaseRecord passed;
  passed.suite = "HotplugMp/Plan";
  passed.name = "Case/AttachVirtual_FromPrimary";
  passed.full_name = passed.suite + "." + passed.name;
  passed.plan = "hotplug_mp";
  passed.plan_case = "Attach virtual device from primary";
  passed.labels = {"hotplug", "virtual"};
  passed.status = CaseStatus::kPassed;
  passed.started = "2026-11-21T13:00:00.100Z";
  passed.duration_s = 1.5;
  passed.transcript_file = "transcripts/HotplugMp_Plan.Case_AttachVirtual_FromPrimary.log";

  CaseRecord failed = passed;
  failed.name = "Case/RepeatVirtual_FromSecondary";
  failed.full_name = failed.suite + "." + failed.name;
  failed.plan_case = "Repeat to attach/detach virtual device from primary or secondary";
  failed.status = CaseStatus::kFailed;
  failed.failures = {
      {"hotplug_mp_test.cpp", 42,
       "Expected equality of these values:\n  secondary.port_count()\n    Which is: 1\n  2"},
      {"hotplug_mp_test.cpp", 57, "detach left \"net_tap0\" <still> attached & running"},
  };
  failed.started = "2026-11-21T13:00:02.000Z";
  failed.duration_s = 3.25;
  failed.transcript_file = "transcripts/HotplugMp_Plan.Case_RepeatVirtual_FromSecondary.log";
  failed.properties = {{"expected", "2 ports"}, {"seen", "1 port"}};

  CaseRecord skipped;
  skipped.suite = "SymmetricMp/Plan";
  skipped.name = "Case/TwoQueues";
  skipped.full_name = skipped.suite + "." + skipped.name;
  skipped.plan = "symmetric_mp";
  skipped.plan_case = "Forward with two queues";
  skipped.labels = {"forwarding"};
  skipped.status = CaseStatus::kSkipped;
  skipped.skip_reason = "topology has only one NIC";
  skipped.started = "2026-11-21T13:00:06.000Z";
  skipped.duration_s = 0.01;

  run.cases = {passed, failed, skipped};
  return run;
}

RunResults run_with_counts(int passed, int failed, int skipped) {
  RunResults sample = sample_run();
  RunResults run = sample;
  run.cases.clear();
  const int wanted[] = {passed, failed, skipped};  // sample_run()'s order
  for (int verdict = 0; verdict < 3; ++verdict) {
    for (int copy = 0; copy < wanted[verdict]; ++copy) {
      CaseRecord record = sample.cases[static_cast<std::size_t>(verdict)];
      record.name += "_" + std::to_string(copy);
      record.full_name += "_" + std::to_string(copy);
      run.cases.push_back(record);
    }
  }
  return run;
}

TranscriptSource transcripts_from(std::map<std::string, std::string> by_file) {
  return [by_file = std::move(by_file)](const CaseRecord& record) {
    const auto it = by_file.find(record.transcript_file);
    if (it == by_file.end()) return Transcript{false, "(transcript missing: " + record.transcript_file + ")"};
    return Transcript{true, it->second};
  };
}

}  // namespace mpdts::report::test
