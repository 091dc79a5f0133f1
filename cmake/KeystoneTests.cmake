# SPDX-License-Identifier: MIT
# keystone_add_test(NAME SOURCES ... LIBS ... [GUI]): one Catch2 executable per layer,
# registered test case by test case with catch_discover_tests. GUI tests run offscreen.
function(keystone_add_test name)
  cmake_parse_arguments(KT "GUI" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${KT_SOURCES})
  target_link_libraries(${name} PRIVATE keystone_test_support ${KT_LIBS})
  keystone_set_warnings(${name})
  # The test main sets QT_QPA_PLATFORM=offscreen; programs are found via KEYSTONE_BIN_DIR
  # (compiled into keystone_test_support), so no ctest environment is needed.
  # --warn NoTests: a name that does not survive discovery (a semicolon splits it) fails
  # instead of silently matching nothing.
  catch_discover_tests(${name} DISCOVERY_TIMEOUT 60 EXTRA_ARGS --warn NoTests)
endfunction()
