package io.ordo.benchmarks.harness;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.HdrHistogram.Histogram;

/**
 * Draws latency-by-percentile curves as a PNG, the way HdrHistogram's plotter does: the x axis is the percentile on
 * a log scale of 1/(1-p) (50%, 90%, 99%, 99.9%, 99.99%, ...), the y axis the latency in microseconds on a log
 * scale. Headless (java.awt only).
 * <p>
 * Not thread safe; build, add series, write.
 */
final class PercentilePlot
{
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 600;
    private static final int MARGIN = 70;
    private static final double MAX_NINES = 5; // up to 99.999%
    private static final Color[] COLOURS = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf) };

    private final String title;
    private final List<String> names = new ArrayList<>();
    private final List<Histogram> histograms = new ArrayList<>();

    PercentilePlot(final String title)
    {
        this.title = title;
    }

    void add(final String name, final Histogram histogram)
    {
        names.add(name);
        histograms.add(histogram);
    }

    void write(final Path file) throws IOException
    {
        final BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        final Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);

        double maxUs = 1;
        for (final Histogram histogram : histograms)
        {
            maxUs = Math.max(maxUs, histogram.getMaxValue() / 1000.0);
        }
        final double minLog = 0; // 1 us
        final double maxLog = Math.ceil(Math.log10(maxUs));

        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, MARGIN, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        final int plotWidth = WIDTH - 2 * MARGIN;
        final int plotHeight = HEIGHT - 2 * MARGIN;
        g.drawRect(MARGIN, MARGIN, plotWidth, plotHeight);
        final String[] percentileLabels = {"0%", "90%", "99%", "99.9%", "99.99%", "99.999%"};
        for (int nines = 0; nines <= MAX_NINES; nines++)
        {
            final int x = MARGIN + (int)(plotWidth * nines / MAX_NINES);
            g.setColor(Color.LIGHT_GRAY);
            g.drawLine(x, MARGIN, x, MARGIN + plotHeight);
            g.setColor(Color.BLACK);
            g.drawString(percentileLabels[nines], x - 15, MARGIN + plotHeight + 18);
        }
        for (int decade = (int)minLog; decade <= maxLog; decade++)
        {
            final int y = MARGIN + plotHeight - (int)(plotHeight * (decade - minLog) / Math.max(1, maxLog - minLog));
            g.setColor(Color.LIGHT_GRAY);
            g.drawLine(MARGIN, y, MARGIN + plotWidth, y);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%,.0f us", Math.pow(10, decade)), 5, y + 4);
        }
        g.drawString("percentile", MARGIN + plotWidth / 2 - 30, HEIGHT - 15);

        g.setStroke(new BasicStroke(2f));
        for (int s = 0; s < histograms.size(); s++)
        {
            final Histogram histogram = histograms.get(s);
            g.setColor(COLOURS[s % COLOURS.length]);
            int previousX = -1;
            int previousY = -1;
            for (int step = 0; step <= 500; step++)
            {
                final double nines = MAX_NINES * step / 500.0;
                final double percentile = 100.0 * (1 - Math.pow(10, -nines));
                final double us = Math.max(1, histogram.getValueAtPercentile(percentile) / 1000.0);
                final int x = MARGIN + (int)(plotWidth * nines / MAX_NINES);
                final int y = MARGIN + plotHeight -
                    (int)(plotHeight * (Math.log10(us) - minLog) / Math.max(1, maxLog - minLog));
                if (previousX >= 0)
                {
                    g.drawLine(previousX, previousY, x, y);
                }
                previousX = x;
                previousY = y;
            }
            g.drawString(names.get(s), MARGIN + 10, MARGIN + 18 + 16 * s);
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }
}
