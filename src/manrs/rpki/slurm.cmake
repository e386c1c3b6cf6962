# rpki/slurm.cmake — SLURM (RFC 8416 + ASPA): sources and tests, included by CMakeLists.txt here.
set(RPKI_SLURM_SRCS slurm.cpp slurm_merge.cpp)
set(RPKI_SLURM_TESTS slurm_test.cpp slurm_hostile_test.cpp)
