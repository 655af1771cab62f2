// One executable for the area; each file's test class runs in turn and any failure fails the whole run.
int runCalibrationTests(int argc, char** argv);
int runEnsembleTests(int argc, char** argv);
int runWalkForwardTests(int argc, char** argv);
int runMetricsTests(int argc, char** argv);
int runReportTests(int argc, char** argv);
int runPlaceboTests(int argc, char** argv);
int runCalibrationFloorTests(int argc, char** argv);
int runClimatologyBlendTests(int argc, char** argv);
int runGroupOffsetsTests(int argc, char** argv);

int main(int argc, char** argv)
{
    int failures = 0;
    failures += runCalibrationTests(argc, argv);
    failures += runEnsembleTests(argc, argv);
    failures += runWalkForwardTests(argc, argv);
    failures += runMetricsTests(argc, argv);
    failures += runReportTests(argc, argv);
    failures += runPlaceboTests(argc, argv);
    failures += runCalibrationFloorTests(argc, argv);
    failures += runClimatologyBlendTests(argc, argv);
    failures += runGroupOffsetsTests(argc, argv);
    return failures == 0 ? 0 : 1;
}
