#include <cstdio>

int main(int argc, char** argv) {
    std::fprintf(stderr, "minispl: the command line is being built\n");
    return 2;
}
