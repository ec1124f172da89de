package dev.kafkacourse.session11;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The matrix as an SVG heat map: one row per {@code linger.ms} × {@code batch.size}, one column per
 * {@code compression.type} × {@code acks}; the colour is records/s, the text records/s and p99 latency.
 */
final class MatrixChart {

    private static final int ROW_HEADER = 190;
    private static final int COLUMN_WIDTH = 104;
    private static final int ROW_HEIGHT = 40;
    private static final int TOP = 92;

    private MatrixChart() {
    }

    static String svg(String title, List<MatrixPoint> points, List<CellResult> results) {
        List<String> rows = distinct(points.stream().map(MatrixPoint::row).toList());
        List<String> columns = distinct(points.stream().map(MatrixPoint::column).toList());
        double max = results.stream().mapToDouble(CellResult::recordsPerSecond).max().orElse(1);
        double min = results.stream().mapToDouble(CellResult::recordsPerSecond).min().orElse(0);
        int width = ROW_HEADER + columns.size() * COLUMN_WIDTH + 20;
        int height = TOP + rows.size() * ROW_HEIGHT + 60;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", width, height, width, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        text(svg, 10, 24, 16, "bold", "start", title);
        text(svg, 10, 46, 12, "normal", "start",
                "cell: records/s (k) and p99 ack latency (ms); darker = more records/s");
        for (int c = 0; c < columns.size(); c++) {
            text(svg, ROW_HEADER + c * COLUMN_WIDTH + COLUMN_WIDTH / 2, TOP - 10, 11, "bold", "middle",
                    columns.get(c));
        }
        for (int r = 0; r < rows.size(); r++) {
            text(svg, ROW_HEADER - 8, TOP + r * ROW_HEIGHT + ROW_HEIGHT / 2 + 4, 11, "bold", "end", rows.get(r));
        }
        for (int i = 0; i < points.size(); i++) {
            MatrixPoint point = points.get(i);
            CellResult result = results.get(i);
            int x = ROW_HEADER + columns.indexOf(point.column()) * COLUMN_WIDTH;
            int y = TOP + rows.indexOf(point.row()) * ROW_HEIGHT;
            double share = max > min ? (result.recordsPerSecond() - min) / (max - min) : 1;
            svg.append(String.format(Locale.ROOT, "<rect class=\"cell\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
                    + "fill=\"%s\" stroke=\"white\"><title>%s: %.0f records/s, p99 %.1f ms, batch %.0f B, "
                    + "compression %.2f</title></rect>%n", x, y, COLUMN_WIDTH, ROW_HEIGHT, colour(share),
                    escape(result.label()), result.recordsPerSecond(), result.p99LatencyMs(), result.batchSizeAvg(),
                    result.compressionRateAvg()));
            String ink = share > 0.55 ? "white" : "black";
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"%s\" "
                    + "font-weight=\"bold\">%.0fk</text>%n", x + COLUMN_WIDTH / 2, y + 17, ink,
                    result.recordsPerSecond() / 1000));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"%s\" "
                    + "font-size=\"10\">p99 %.0f ms</text>%n", x + COLUMN_WIDTH / 2, y + 32, ink,
                    result.p99LatencyMs()));
        }
        int legendY = TOP + rows.size() * ROW_HEIGHT + 24;
        for (int step = 0; step <= 10; step++) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"24\" height=\"12\" fill=\"%s\"/>%n",
                    ROW_HEADER + step * 24, legendY, colour(step / 10.0)));
        }
        text(svg, ROW_HEADER - 8, legendY + 10, 11, "normal", "end", String.format(Locale.ROOT, "%.0fk", min / 1000));
        text(svg, ROW_HEADER + 11 * 24 + 6, legendY + 10, 11, "normal", "start",
                String.format(Locale.ROOT, "%.0fk records/s", max / 1000));
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** White-ish to dark blue. */
    private static String colour(double share) {
        int r = (int) Math.round(239 - share * (239 - 8));
        int g = (int) Math.round(243 - share * (243 - 48));
        int b = (int) Math.round(255 - share * (255 - 107));
        return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
    }

    private static void text(StringBuilder svg, int x, int y, int size, String weight, String anchor, String text) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"%d\" font-weight=\"%s\" "
                + "text-anchor=\"%s\">%s</text>%n", x, y, size, weight, anchor, escape(text)));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static List<String> distinct(List<String> values) {
        Map<String, Boolean> seen = new LinkedHashMap<>();
        values.forEach(value -> seen.put(value, true));
        return new ArrayList<>(seen.keySet());
    }
}
