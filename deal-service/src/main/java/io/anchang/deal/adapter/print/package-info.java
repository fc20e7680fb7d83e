/** The subscription agreement as the PDF the desk prints (R-DEAL-4). */
package io.anchang.deal.adapter.print;
