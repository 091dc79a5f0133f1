# SPDX-License-Identifier: MIT
# Address + undefined-behaviour sanitizers for every target when KEYSTONE_SANITIZE is on.
if(KEYSTONE_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
  # GCC 12 with ASan reports -Wmaybe-uninitialized inside libstdc++'s <regex> (std::function
  # moves in regex_automaton.h, pulled in by catch.hpp) when optimising: a known false
  # positive of the sanitizer instrumentation, not of our code. The dev preset keeps it.
  # The asan preset is a Debug build (GCC 12 takes five times as long to compile with the
  # sanitizers at -O2); this stays for anyone who configures it optimised.
  add_compile_options(-Wno-maybe-uninitialized)
endif()
