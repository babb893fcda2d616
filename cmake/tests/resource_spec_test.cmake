# The ctest resource spec made from a topology: run as
#   cmake -DSOURCE_DIR=<src> -DWORK_DIR=<dir> -P resource_spec_test.cmake
# The two-node lab lists two PCI ports (and mentions others in comments, which must not count):
# the spec has exactly those two as pci resources and one vm slot, and a physical case claims both.
# The embedded topology lists none: no pci resource, and physical cases claim nothing.
cmake_minimum_required(VERSION 3.25)  # CMP0126: a normal variable is not dropped by set(CACHE)
set(CMAKE_SOURCE_DIR "${SOURCE_DIR}")
set(CMAKE_BINARY_DIR "${WORK_DIR}/lab")
file(MAKE_DIRECTORY "${CMAKE_BINARY_DIR}")
set(MPDTS_CTEST_TOPOLOGY "${SOURCE_DIR}/topologies/two-node-lab.yaml")
include("${SOURCE_DIR}/cmake/MpdtsResources.cmake")

file(READ "${MPDTS_RESOURCE_SPEC_FILE}" spec)
string(JSON major GET "${spec}" version major)
string(JSON pci_count LENGTH "${spec}" local 0 pci)
string(JSON pci0 GET "${spec}" local 0 pci 0 id)
string(JSON pci1 GET "${spec}" local 0 pci 1 id)
string(JSON slots GET "${spec}" local 0 pci 0 slots)
string(JSON vm_slots GET "${spec}" local 0 vm 0 slots)
if(NOT major EQUAL 1 OR NOT pci_count EQUAL 2 OR NOT pci0 STREQUAL "0000:3b:00.0" OR NOT pci1 STREQUAL "0000:3b:00.1"
   OR NOT slots EQUAL 1 OR NOT vm_slots EQUAL 1)
  message(FATAL_ERROR "unexpected spec for the two-node lab:\n${spec}")
endif()
if(NOT MPDTS_PCI_RESOURCES STREQUAL "RESOURCE_GROUPS;2,pci:1;RESOURCE_LOCK;mpdts-pci")
  message(FATAL_ERROR "physical cases would get: ${MPDTS_PCI_RESOURCES}")
endif()

set(CMAKE_BINARY_DIR "${WORK_DIR}/embedded")
file(MAKE_DIRECTORY "${CMAKE_BINARY_DIR}")
set(MPDTS_CTEST_TOPOLOGY "${SOURCE_DIR}/topologies/embedded.yaml")
include("${SOURCE_DIR}/cmake/MpdtsResources.cmake")
file(READ "${MPDTS_RESOURCE_SPEC_FILE}" spec)
string(JSON pci_count LENGTH "${spec}" local 0 pci)
if(NOT pci_count EQUAL 0 OR NOT MPDTS_PCI_RESOURCES STREQUAL "")
  message(FATAL_ERROR "the embedded topology has no PCI port, yet:\n${spec}\n${MPDTS_PCI_RESOURCES}")
endif()
if(MPDTS_CTEST_HAS_VM)
  message(FATAL_ERROR "the embedded topology has no vm section")
endif()

# The VM topology: its PCI addresses are the guest's, not this host's.
set(CMAKE_BINARY_DIR "${WORK_DIR}/vm")
file(MAKE_DIRECTORY "${CMAKE_BINARY_DIR}")
set(MPDTS_CTEST_TOPOLOGY "${SOURCE_DIR}/topologies/vm.yaml")
include("${SOURCE_DIR}/cmake/MpdtsResources.cmake")
file(READ "${MPDTS_RESOURCE_SPEC_FILE}" spec)
string(JSON pci_count LENGTH "${spec}" local 0 pci)
if(NOT pci_count EQUAL 0 OR NOT MPDTS_PCI_RESOURCES STREQUAL "" OR NOT MPDTS_CTEST_HAS_VM)
  message(FATAL_ERROR "the VM topology's guest addresses were taken for host PCI ports:\n${spec}")
endif()
message(STATUS "resource spec: two-node lab -> 2 pci + 1 vm, physical cases claim both; embedded -> no pci; "
               "vm -> no pci, a vm section")
