package dev.pgpart.cli;

import java.util.regex.Pattern;

/** Hides passwords in JDBC URLs before they reach a terminal or a log. */
public final class UrlMasker {
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)([?&;](?:password|sslpassword)=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:?]*:)[^/@?]*@");

    private UrlMasker() {
    }

    public static String mask(String url) {
        String masked = PASSWORD_PARAM.matcher(url).replaceAll("$1***");
        return USER_INFO.matcher(masked).replaceAll("$1***@");
    }
}
