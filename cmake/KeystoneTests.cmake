# SPDX-License-Identifier: MIT
# keystone_add_test(NAME SOURCES ... LIBS ... [GUI] [PROPERTIES ...]): one Catch2 executable
# per layer, registered test case by test case with catch_discover_tests. GUI tests run
# offscreen. PROPERTIES are set on every test case (e.g. a ctest fixture they need).
function(keystone_add_test name)
  cmake_parse_arguments(KT "GUI" "" "SOURCES;LIBS;PROPERTIES" ${ARGN})
  add_executable(${name} ${KT_SOURCES})
  target_link_libraries(${name} PRIVATE keystone_test_support ${KT_LIBS})
  keystone_set_warnings(${name})
  # The test main sets QT_QPA_PLATFORM=offscreen; programs are found via KEYSTONE_BIN_DIR
  # (compiled into keystone_test_support), so no ctest environment is needed.
  # --warn NoTests: a name that does not survive discovery (a semicolon splits it) fails
  # instead of silently matching nothing.
  if(KT_PROPERTIES)
    catch_discover_tests(${name} DISCOVERY_TIMEOUT 60 EXTRA_ARGS --warn NoTests PROPERTIES ${KT_PROPERTIES})
  else()
    catch_discover_tests(${name} DISCOVERY_TIMEOUT 60 EXTRA_ARGS --warn NoTests)
  endif()
endfunction()
