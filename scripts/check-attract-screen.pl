#!/usr/bin/perl
# check-attract-screen.pl FILE: checks that an X screen dump (XWD, as `Xvfb -fbdir` keeps it)
# shows the kiosk's attract screen: the showroom drawn to every corner (the hero car fills the
# screen: no corner left black), the teal "touch to start" button in the lower middle, and the
# showroom picture (studio, car) across the middle band. Positions are fractions of the screen, so any resolution works. Prints what it
# found; exits 1 naming each check that failed.
use strict;
use warnings;

my $file = shift or die "usage: check-attract-screen.pl FILE.xwd\n";
open(my $fh, '<:raw', $file) or die "$file: cannot read: $!\n";
local $/;
my $data = <$fh>;
close $fh;
die "$file: too short for an XWD header\n" if length($data) < 100;
my @h = unpack('N25', $data);
my ($headerSize, $version, $format, $depth, $width, $height) = @h[0 .. 5];
my ($byteOrder, $bpp, $bytesPerLine, $ncolors) = ($h[7], $h[11], $h[12], $h[19]);
die "$file: not an XWD v7 ZPixmap (version $version, format $format)\n" unless $version == 7 && $format == 2;
die "$file: expected 32 bits per pixel, found $bpp\n" unless $bpp == 32;
my $pixels = $headerSize + 12 * $ncolors;

sub rgb {
    my ($fx, $fy) = @_;
    my ($x, $y) = (int($fx * ($width - 1)), int($fy * ($height - 1)));
    my $v = unpack($byteOrder ? 'N' : 'V', substr($data, $pixels + $y * $bytesPerLine + 4 * $x, 4));
    return (($v >> 16) & 255, ($v >> 8) & 255, $v & 255);
}
sub light { my ($r, $g, $b) = @_; return $r > 215 && $g > 215 && $b > 215 }
sub drawn { my ($r, $g, $b) = @_; return $r + $g + $b > 30 }
sub teal  { my ($r, $g, $b) = @_; return $g > $r + 50 && $b > $r + 40 && $g < 200 }
# Share of points on a horizontal line from fx0 to fx1 at fy for which the test holds.
sub share {
    my ($test, $fx0, $fx1, $fy) = @_;
    my ($hits, $n) = (0, 0);
    for (my $fx = $fx0; $fx <= $fx1; $fx += 0.005) { $n++; $hits++ if $test->(rgb($fx, $fy)) }
    return $hits / $n;
}

my @failed;
printf "screen %dx%d, depth %d\n", $width, $height, $depth;
for my $corner ([0.01, 0.01], [0.99, 0.01], [0.01, 0.99], [0.99, 0.99]) {
    my @c = rgb(@$corner);
    printf "corner (%.2f, %.2f): %d %d %d\n", @$corner, @c;
    push @failed, sprintf("corner (%.2f, %.2f) is black: the showroom does not fill the screen", @$corner) unless drawn(@c);
}
# The button: a teal pill across the middle third, in the band between 78 % and 88 % of the height.
my $button = 0;
for (my $fy = 0.76; $fy <= 0.90; $fy += 0.01) { my $s = share(\&teal, 0.36, 0.64, $fy); $button = $s if $s > $button }
printf "touch-to-start button: %.0f %% teal along its best row\n", 100 * $button;
push @failed, "no teal touch-to-start button in the lower middle" if $button < 0.6;
# The showroom picture: a band across the middle that is neither page background nor button.
my $studio = 1 - share(sub { light(@_) || teal(@_) }, 0.10, 0.90, 0.50);
printf "showroom picture: %.0f %% of the middle row is picture\n", 100 * $studio;
push @failed, "no showroom picture across the middle of the screen" if $studio < 0.7;
# A picture, not a flat fill: the middle row has many distinct colours.
my %colours;
for (my $fx = 0.10; $fx <= 0.90; $fx += 0.002) { $colours{join(',', rgb($fx, 0.45))} = 1 }
printf "distinct colours along the car's row: %d\n", scalar(keys %colours);
push @failed, "the middle of the screen is flat (no car drawn)" if keys(%colours) < 20;

if (@failed) {
    print STDERR "attract screen check failed: $_\n" for @failed;
    exit 1;
}
print "attract screen: ok\n";
