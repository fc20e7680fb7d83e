/** The receipt as the PDF the desk prints (R-FIN-1, R-FIN-6). */
package io.anchang.finance.adapter.print;
