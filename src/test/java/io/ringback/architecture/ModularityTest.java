package io.ringback.architecture;

import io.ringback.RingbackApplication;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The feature packages are modules with one-way dependencies (Spring Modulith): no cycles, and a
 * module uses only another module's top-level types. telephony knows nothing of callbacks; agent
 * knows the PBX events only; callback subscribes to both; process is the engine contract;
 * worker ties them together and nothing depends on it.
 */
class ModularityTest {

    static final ApplicationModules MODULES = ApplicationModules.of(RingbackApplication.class);

    @Test
    void theModulesHaveNoCyclesAndUseOnlyEachOthersTopLevelTypes() {
        MODULES.verify();
    }

    @Test
    void theModuleDiagramIsWritten() {
        new Documenter(MODULES).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
