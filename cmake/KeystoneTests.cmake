# SPDX-License-Identifier: MIT
# keystone_add_test(NAME SOURCES ... LIBS ... [GUI]): one Catch2 executable per layer,
# registered test case by test case with catch_discover_tests. GUI tests run offscreen.
function(keystone_add_test name)
  cmake_parse_arguments(KT "GUI" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${KT_SOURCES})
  target_link_libraries(${name} PRIVATE keystone_test_support ${KT_LIBS})
  keystone_set_warnings(${name})
  set(env "QT_QPA_PLATFORM=offscreen;KEYSTONE_TEST_SOURCE_DIR=${PROJECT_SOURCE_DIR}"
          "KEYSTONE_BIN_DIR=${CMAKE_RUNTIME_OUTPUT_DIRECTORY}")
  catch_discover_tests(${name} PROPERTIES ENVIRONMENT "${env}"
                       DISCOVERY_TIMEOUT 60)
endfunction()
