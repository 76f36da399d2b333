package io.ringback.desktop;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The application's root, where the login form sends a user who opened it directly: the agent desktop. */
@Controller
class DesktopHome {

    @GetMapping("/")
    String home() {
        return "redirect:/agent";
    }
}
