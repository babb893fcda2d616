# Exclusive devices for parallel ctest runs (ctest -jN). Cases that share nothing run in parallel:
# each has its own EAL file prefix (mpdts<pid>-<n>-<tag>, unique across processes), its own
# hugetlbfs mount, scratch dir and network namespace (named after the prefix). What cannot be shared
# is declared as ctest resources, from the topology the ctest cases run on:
#   pci  one resource per PCI port of the topology (devices.pci), one slot each: a physical case
#        takes all of them (it binds them);
#   vm   one slot: one QEMU guest at a time (memory, and the guest image cache).
# The spec file is ${CMAKE_BINARY_DIR}/mpdts-resources.json; scripts/test.sh passes it to ctest
# (--resource-spec-file). Every such test also holds a RESOURCE_LOCK, so it stays exclusive when
# ctest runs without the spec file.
set(MPDTS_CTEST_TOPOLOGY "${CMAKE_SOURCE_DIR}/topologies/embedded.yaml" CACHE FILEPATH
    "topology the conformance cases run on under ctest")
set(MPDTS_RESOURCE_SPEC_FILE "${CMAKE_BINARY_DIR}/mpdts-resources.json")

# PCI addresses of the topology, read at configure time (comments dropped; the loader validates
# the file when a case runs). The addresses under a top-level `vm:` are the QEMU guest's, not this
# host's: they are no pci resource; such a topology's guest cases claim the vm resource
# (MPDTS_CTEST_HAS_VM).
file(STRINGS "${MPDTS_CTEST_TOPOLOGY}" _mpdts_topology_lines)
set(MPDTS_CTEST_PCI "")
set(MPDTS_CTEST_HAS_VM FALSE)
set(_mpdts_section "")
foreach(_line IN LISTS _mpdts_topology_lines)
  string(REGEX REPLACE "#.*$" "" _line "${_line}")
  if(_line MATCHES "^([A-Za-z_][A-Za-z0-9_]*):")
    set(_mpdts_section "${CMAKE_MATCH_1}")
    if(_mpdts_section STREQUAL "vm")
      set(MPDTS_CTEST_HAS_VM TRUE)
    endif()
  endif()
  if(_mpdts_section STREQUAL "vm")
    continue()
  endif()
  string(REGEX MATCHALL "[0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F]:[0-9a-fA-F][0-9a-fA-F]:[0-9a-fA-F][0-9a-fA-F]\\.[0-7]"
         _found "${_line}")
  list(APPEND MPDTS_CTEST_PCI ${_found})
endforeach()
list(REMOVE_DUPLICATES MPDTS_CTEST_PCI)
list(LENGTH MPDTS_CTEST_PCI MPDTS_CTEST_PCI_COUNT)

set(_pci_json "")
foreach(_address IN LISTS MPDTS_CTEST_PCI)
  if(_pci_json)
    string(APPEND _pci_json ", ")
  endif()
  string(APPEND _pci_json "{\"id\": \"${_address}\", \"slots\": 1}")
endforeach()
file(WRITE "${MPDTS_RESOURCE_SPEC_FILE}"
     "{\n  \"version\": {\"major\": 1, \"minor\": 0},\n  \"local\": [\n    {\n"
     "      \"pci\": [${_pci_json}],\n"
     "      \"vm\": [{\"id\": \"qemu\", \"slots\": 1}]\n    }\n  ]\n}\n")

# Properties (for set_tests_properties / gtest_discover_tests PROPERTIES) of a test that binds
# every PCI port of the topology. Without PCI ports such a case skips, so it claims nothing (a
# resource group that cannot be met would make ctest fail it instead).
if(MPDTS_CTEST_PCI_COUNT GREATER 0)
  set(MPDTS_PCI_RESOURCES RESOURCE_GROUPS "${MPDTS_CTEST_PCI_COUNT},pci:1" RESOURCE_LOCK mpdts-pci)
else()
  set(MPDTS_PCI_RESOURCES "")
endif()
# ...of a test that boots a QEMU guest.
set(MPDTS_VM_RESOURCES RESOURCE_GROUPS "vm:1" RESOURCE_LOCK mpdts-vm)
